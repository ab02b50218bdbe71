import type { InteractionState } from "./interactions.schema";

/**
 * Planned, overdue or done, from the two columns that decide it: completed_at is set when it
 * happened (logged, or marked done later); scheduled_for says when a planned one is due.
 */
export function interactionState(i: { completedAt: Date | null; scheduledFor: Date | null }, now: Date): InteractionState {
  if (i.completedAt) return "done";
  return i.scheduledFor && i.scheduledFor > now ? "planned" : "overdue";
}

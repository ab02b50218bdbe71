// Moving every deal out of a stage that is about to disappear, as if each had been moved by
// hand: a stage-history row with its time in stage, and a line on the deal's timeline. Set
// based, so a stage with thousands of deals is three statements, not thousands.
import type { OrgScope } from "@/server/api/scope";

export interface MoveTarget {
  id: string;
  name: string;
  pipelineId: string;
  probability: number;
}

/**
 * Moves every deal (open, closed or archived) in `from` to `to`. The callers only pair stages
 * of the same kind, so a deal's status, close date and reason stay as they were.
 * Returns how many deals moved.
 */
export async function moveAllDeals(scope: OrgScope, from: { id: string; name: string }, to: MoveTarget, because: string): Promise<number> {
  const now = new Date();
  // History and timeline first, while current_stage_id still says where each deal was.
  await scope.tx.$executeRaw`
    INSERT INTO opportunity_stage_history (organization_id, opportunity_id, from_stage_id, to_stage_id, time_in_stage, moved_by, moved_at)
    SELECT o.organization_id, o.id, o.current_stage_id, ${to.id}::uuid,
           GREATEST(0, round(extract(epoch FROM ${now}::timestamptz - o.stage_entered_at)))::int, ${scope.userId}::uuid, ${now}::timestamptz
    FROM opportunities o WHERE o.organization_id = ${scope.orgId}::uuid AND o.current_stage_id = ${from.id}::uuid`;
  await scope.tx.$executeRaw`
    INSERT INTO timeline_events (organization_id, subject_type, subject_id, event_type, title, actor_id, occurred_at)
    SELECT o.organization_id, 'opportunity', o.id, 'stage_' || o.status::text,
           left('Moved ' || o.name || ' from ' || ${from.name} || ' to ' || ${to.name} || ' (' || ${because} || ')', 255),
           ${scope.userId}::uuid, ${now}::timestamptz
    FROM opportunities o WHERE o.organization_id = ${scope.orgId}::uuid AND o.current_stage_id = ${from.id}::uuid`;
  return scope.tx.$executeRaw`
    UPDATE opportunities
    SET current_stage_id = ${to.id}::uuid, pipeline_id = ${to.pipelineId}::uuid, probability = ${to.probability}, stage_entered_at = ${now}::timestamptz
    WHERE organization_id = ${scope.orgId}::uuid AND current_stage_id = ${from.id}::uuid`;
}

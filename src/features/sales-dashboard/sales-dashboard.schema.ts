import { z } from "zod";
import { todayIsoDate } from "@/lib/dates";

/** Longest range the dashboard reports on: five years keeps the monthly charts readable. */
export const MAX_RANGE_DAYS = 5 * 366;

const DAY_MS = 24 * 3600 * 1000;
const utcDay = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

// Date.parse accepts 2026-02-30 (it rolls over to March), so a date is valid only if it
// survives the round trip unchanged.
const isoDate = (label: string) =>
  z.string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label} must be a date like 2026-01-31`)
    .refine((s) => !Number.isNaN(utcDay(s).getTime()) && utcDay(s).toISOString().startsWith(s), `${label} is not a real date`);

/**
 * The default "last 12 months": from the first day of the month eleven months before `to`,
 * so the monthly charts show twelve whole calendar months (the last one running to `to`),
 * never two partial halves of the same month a year apart.
 */
export function defaultFrom(to: string): string {
  const end = utcDay(to);
  return new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - 11, 1)).toISOString().slice(0, 10);
}

export const salesDashboardSchema = z.object({
  /** First day reported on (UTC, inclusive). */
  from: isoDate("From").optional(),
  /** Last day reported on (UTC, inclusive); today when not given. */
  to: isoDate("To").optional(),
  /** One rep: deals they own, leads assigned to them, activities they logged. */
  ownerId: z.uuid("Choose an owner from the list").optional(),
  /** Deal metrics for one pipeline; all pipelines when not given. */
  pipelineId: z.uuid("Choose a pipeline from the list").optional(),
}).transform((input, ctx) => {
  const to = input.to ?? todayIsoDate();
  const from = input.from ?? defaultFrom(to);
  if (from > to) {
    ctx.addIssue({ code: "custom", path: ["from"], message: `From (${from}) must be on or before To (${to})` });
    return z.NEVER;
  }
  if ((utcDay(to).getTime() - utcDay(from).getTime()) / DAY_MS > MAX_RANGE_DAYS) {
    ctx.addIssue({ code: "custom", path: ["to"], message: "Choose a range of at most five years (To is too far after From)" });
    return z.NEVER;
  }
  return { ...input, from, to };
});

export type SalesDashboardInput = z.input<typeof salesDashboardSchema>;
export type SalesDashboardQuery = z.output<typeof salesDashboardSchema>;

// SQL fragments every metric shares, so "in range", "open" and "this rep" mean the same thing
// in every query. Column names are fixed strings from this folder, never input; values are
// always bound parameters.
import { Prisma } from "@/generated/prisma/client";

export interface DashboardFilters {
  /** YYYY-MM-DD, inclusive. Days are UTC days, as everywhere else in the app. */
  from: string;
  to: string;
  ownerId?: string;
  pipelineId?: string;
}

/** A date column (expected_close_date, actual_close_date) within the range. */
export const onDays = (column: string, f: DashboardFilters) =>
  Prisma.sql`${Prisma.raw(column)} BETWEEN ${f.from}::date AND ${f.to}::date`;

/** A timestamptz column within the range: from the first day's UTC midnight to the end of the last day. */
export const atTimes = (column: string, f: DashboardFilters) =>
  Prisma.sql`${Prisma.raw(column)} >= (${f.from}::date)::timestamp AT TIME ZONE 'UTC' AND ${Prisma.raw(column)} < (${f.to}::date + 1)::timestamp AT TIME ZONE 'UTC'`;

/** `AND <column> = ownerId` when a rep is chosen: deals' owner_id, leads' assigned_to, interactions' initiated_by. */
export const byOwner = (column: string, f: DashboardFilters) =>
  f.ownerId ? Prisma.sql`AND ${Prisma.raw(column)} = ${f.ownerId}::uuid` : Prisma.empty;

/** Deals (alias o) of the chosen rep and pipeline. */
export const dealScope = (f: DashboardFilters) =>
  Prisma.sql`${byOwner("o.owner_id", f)} ${f.pipelineId ? Prisma.sql`AND o.pipeline_id = ${f.pipelineId}::uuid` : Prisma.empty}`;

/**
 * Open deals as the board counts them: status open and not archived. Closed deals keep
 * counting even when archived, since a win that happened stays in the history.
 */
export const openDeal = Prisma.sql`o.status = 'open' AND NOT o.is_archived`;

/**
 * A timestamptz column within the range, the range's days taken in the given IANA time zone
 * (the organization's): from the first day's local midnight to the end of the last day.
 */
export const atLocalTimes = (column: string, f: DashboardFilters, timeZone: string) =>
  Prisma.sql`${Prisma.raw(column)} >= (${f.from}::date)::timestamp AT TIME ZONE ${timeZone} AND ${Prisma.raw(column)} < (${f.to}::date + 1)::timestamp AT TIME ZONE ${timeZone}`;

/** Contracts (alias c, their deal joined as o) of the chosen rep (the contract's owner) and pipeline (the deal's). */
export const contractScope = (f: DashboardFilters) =>
  Prisma.sql`${byOwner("c.owner_id", f)} ${f.pipelineId ? Prisma.sql`AND o.pipeline_id = ${f.pipelineId}::uuid` : Prisma.empty}`;

/** Interactions that actually happened (not planned ones), by when they happened. */
export const doneActivityInRange = (f: DashboardFilters) =>
  Prisma.sql`i.completed_at IS NOT NULL AND ${atTimes("i.occurred_at", f)} ${byOwner("i.initiated_by", f)}`;

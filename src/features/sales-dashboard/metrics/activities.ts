// Activity metrics: completed interactions in range, by type and by the rep who logged them.
import { INTERACTION_TYPES } from "@/features/interactions/interactions.schema";
import type { Tx } from "@/server/db/tenant";
import { type DashboardFilters, doneActivityInRange } from "./filters";

export type ActivityType = (typeof INTERACTION_TYPES)[number];

/** Reps shown in the by-rep chart; the by-type totals always cover everyone. */
export const MAX_REPS = 50;

export interface RepActivity {
  /** null: logged by someone whose account is gone. */
  userId: string | null;
  /** null: not a member any more, so their name is not visible to this organization. */
  name: string | null;
  counts: Record<ActivityType, number>;
  total: number;
}

export interface Activities {
  total: number;
  byType: { type: ActivityType; count: number }[];
  /** Busiest first. */
  byRep: RepActivity[];
}

const zeroCounts = () => Object.fromEntries(INTERACTION_TYPES.map((t) => [t, 0])) as Record<ActivityType, number>;

/**
 * Activity counts: interactions that were completed (planned ones are not work done yet)
 * and happened (occurred_at) within the range, by type and by initiated_by. One grouped
 * query feeds both views, so their totals always agree.
 */
export async function activities(tx: Tx, f: DashboardFilters): Promise<Activities> {
  const rows = await tx.$queryRaw<{ userId: string | null; name: string | null; type: ActivityType; count: number }[]>`
    SELECT i.initiated_by AS "userId", u.full_name AS name, i.type::text AS type, count(*)::int AS count
    FROM interactions i LEFT JOIN users u ON u.id = i.initiated_by
    WHERE ${doneActivityInRange(f)}
    GROUP BY i.initiated_by, u.full_name, i.type`;

  const byType = zeroCounts();
  const reps = new Map<string, RepActivity>();
  for (const row of rows) {
    byType[row.type] += row.count;
    const key = row.userId ?? "";
    const rep = reps.get(key) ?? { userId: row.userId, name: row.name, counts: zeroCounts(), total: 0 };
    rep.counts[row.type] += row.count;
    rep.total += row.count;
    reps.set(key, rep);
  }
  const byRep = [...reps.values()]
    .sort((a, b) => b.total - a.total || (a.name ?? "\uffff").localeCompare(b.name ?? "\uffff"))
    .slice(0, MAX_REPS);
  return {
    total: rows.reduce((n, r) => n + r.count, 0),
    byType: INTERACTION_TYPES.map((type) => ({ type, count: byType[type] })),
    byRep,
  };
}

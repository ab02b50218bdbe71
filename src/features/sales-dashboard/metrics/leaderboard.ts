// The rep leaderboard: who closed what in the range, what they still carry, how busy they were.
import type { Tx } from "@/server/db/tenant";
import { type DashboardFilters, dealScope, doneActivityInRange, onDays, openDeal } from "./filters";

export const MAX_LEADERBOARD = 50;

export interface LeaderboardRow {
  userId: string;
  /** null: not a member any more, so their name is not visible to this organization. */
  name: string | null;
  wonCount: number;
  wonValue: string;
  openCount: number;
  openValue: string;
  activities: number;
}

/**
 * One row per rep (deal owner; activities by initiated_by) who won a deal in range, owns an
 * open deal, or completed an activity in range. Ranked by won value, then deals won, then
 * open pipeline, then activities. Deals with no owner are nobody's, so they are not ranked.
 */
export function leaderboard(tx: Tx, f: DashboardFilters): Promise<LeaderboardRow[]> {
  return tx.$queryRaw<LeaderboardRow[]>`
    WITH won AS (
      SELECT o.owner_id AS user_id, count(*)::int AS n, sum(o.value) AS value
      FROM opportunities o WHERE o.status = 'won' AND ${onDays("o.actual_close_date", f)} ${dealScope(f)} AND o.owner_id IS NOT NULL
      GROUP BY o.owner_id
    ), open_deals AS (
      SELECT o.owner_id AS user_id, count(*)::int AS n, sum(o.value) AS value
      FROM opportunities o WHERE ${openDeal} ${dealScope(f)} AND o.owner_id IS NOT NULL
      GROUP BY o.owner_id
    ), acts AS (
      SELECT i.initiated_by AS user_id, count(*)::int AS n
      FROM interactions i WHERE ${doneActivityInRange(f)} AND i.initiated_by IS NOT NULL
      GROUP BY i.initiated_by
    ), reps AS (
      SELECT user_id FROM won UNION SELECT user_id FROM open_deals UNION SELECT user_id FROM acts
    )
    SELECT r.user_id AS "userId", u.full_name AS name,
           coalesce(won.n, 0) AS "wonCount", coalesce(won.value, 0.00)::text AS "wonValue",
           coalesce(open_deals.n, 0) AS "openCount", coalesce(open_deals.value, 0.00)::text AS "openValue",
           coalesce(acts.n, 0) AS activities
    FROM reps r
    LEFT JOIN won ON won.user_id = r.user_id
    LEFT JOIN open_deals ON open_deals.user_id = r.user_id
    LEFT JOIN acts ON acts.user_id = r.user_id
    LEFT JOIN users u ON u.id = r.user_id
    ORDER BY coalesce(won.value, 0) DESC, coalesce(won.n, 0) DESC, coalesce(open_deals.value, 0) DESC, coalesce(acts.n, 0) DESC, u.full_name, r.user_id
    LIMIT ${MAX_LEADERBOARD}`;
}

// Deal metrics. Money leaves SQL as text (numeric::text), so totals stay exact decimal strings.
import { Prisma } from "@/generated/prisma/client";
import type { Tx } from "@/server/db/tenant";
import { type DashboardFilters, dealScope, onDays, openDeal } from "./filters";

export interface StageValue {
  stageId: string;
  name: string;
  count: number;
  value: string;
  weighted: string;
}

/**
 * Pipeline value by stage: the count and value of open deals in each open stage of one
 * pipeline, in stage order. Stages with no deals are kept (as zero) so the funnel's shape
 * never changes with the data. A snapshot of now: the date range does not apply.
 */
export function pipelineByStage(tx: Tx, pipelineId: string, f: DashboardFilters): Promise<StageValue[]> {
  return tx.$queryRaw<StageValue[]>`
    SELECT s.id AS "stageId", s.name, count(o.id)::int AS count,
           coalesce(sum(o.value), 0.00)::text AS value, coalesce(sum(o.weighted_value), 0.00)::text AS weighted
    FROM pipeline_stages s
    LEFT JOIN opportunities o ON o.organization_id = s.organization_id AND o.current_stage_id = s.id AND ${openDeal} ${dealScope(f)}
    WHERE s.pipeline_id = ${pipelineId}::uuid AND NOT s.is_won AND NOT s.is_lost
    GROUP BY s.id, s.name, s.position
    ORDER BY s.position, s.name`;
}

export interface OpenPipeline {
  count: number;
  value: string;
  /** Sum of weighted_value (value × stage probability) of every open deal. */
  weighted: string;
  /** The part of `weighted` expected to close within the range. */
  weightedInRange: string;
}

/** Open pipeline now, across the chosen pipeline (or all of them). */
export async function openPipeline(tx: Tx, f: DashboardFilters): Promise<OpenPipeline> {
  const [row] = await tx.$queryRaw<OpenPipeline[]>`
    SELECT count(*)::int AS count, coalesce(sum(o.value), 0.00)::text AS value,
           coalesce(sum(o.weighted_value), 0.00)::text AS weighted,
           coalesce(sum(o.weighted_value) FILTER (WHERE ${onDays("o.expected_close_date", f)}), 0.00)::text AS "weightedInRange"
    FROM opportunities o WHERE ${openDeal} ${dealScope(f)}`;
  return row!;
}

export interface ForecastMonth {
  /** YYYY-MM */
  month: string;
  /** Weighted value of open deals expected to close this month (within the range). */
  weighted: string;
  /** Value of deals won this month (within the range). */
  won: string;
}

/**
 * Weighted forecast by month: every calendar month the range touches, with the weighted
 * value of open deals by month of expected_close_date and, as a second series, the value
 * won by month of actual_close_date. Open deals with no expected close date cannot be
 * placed in a month and are left out here (they still count in the open pipeline).
 */
export function forecastByMonth(tx: Tx, f: DashboardFilters): Promise<ForecastMonth[]> {
  const month = (column: string) => Prisma.sql`date_trunc('month', ${Prisma.raw(column)}::timestamp)::date`;
  return tx.$queryRaw<ForecastMonth[]>`
    WITH months AS (
      SELECT generate_series(date_trunc('month', ${f.from}::date::timestamp), date_trunc('month', ${f.to}::date::timestamp), interval '1 month')::date AS month
    ), forecast AS (
      SELECT ${month("o.expected_close_date")} AS month, sum(o.weighted_value) AS weighted
      FROM opportunities o WHERE ${openDeal} ${dealScope(f)} AND ${onDays("o.expected_close_date", f)}
      GROUP BY 1
    ), won AS (
      SELECT ${month("o.actual_close_date")} AS month, sum(o.value) AS won
      FROM opportunities o WHERE o.status = 'won' ${dealScope(f)} AND ${onDays("o.actual_close_date", f)}
      GROUP BY 1
    )
    SELECT to_char(m.month, 'YYYY-MM') AS month, coalesce(forecast.weighted, 0.00)::text AS weighted, coalesce(won.won, 0.00)::text AS won
    FROM months m LEFT JOIN forecast USING (month) LEFT JOIN won USING (month)
    ORDER BY m.month`;
}

export interface ClosedDeals {
  won: number;
  lost: number;
  wonValue: string;
  /** Average days from created_at to actual_close_date over deals won in range; null if none. */
  avgCycleDays: number | null;
}

/**
 * Deals closed in range (by actual_close_date): win rate is won / (won + lost); the sales
 * cycle is the average number of days from creation (its UTC date) to the close date of the
 * deals won, to one decimal.
 */
export async function closedDeals(tx: Tx, f: DashboardFilters): Promise<ClosedDeals> {
  const [row] = await tx.$queryRaw<{ won: number; lost: number; wonValue: string; avgCycleDays: string | null }[]>`
    SELECT count(*) FILTER (WHERE o.status = 'won')::int AS won,
           count(*) FILTER (WHERE o.status = 'lost')::int AS lost,
           coalesce(sum(o.value) FILTER (WHERE o.status = 'won'), 0.00)::text AS "wonValue",
           round(avg(o.actual_close_date - (o.created_at AT TIME ZONE 'UTC')::date) FILTER (WHERE o.status = 'won'), 1)::text AS "avgCycleDays"
    FROM opportunities o
    WHERE o.status IN ('won', 'lost') AND ${onDays("o.actual_close_date", f)} ${dealScope(f)}`;
  return { ...row!, avgCycleDays: row!.avgCycleDays === null ? null : Number(row!.avgCycleDays) };
}

export interface CurrencyInfo {
  /** The currency totals are shown in: the one most deals use. */
  code: string;
  /** Every currency in use when there is more than one: totals then add them up unconverted. */
  mixed: string[] | null;
}

export async function dealCurrencies(tx: Tx): Promise<CurrencyInfo> {
  const rows = await tx.$queryRaw<{ currency: string }[]>`
    SELECT o.currency FROM opportunities o GROUP BY o.currency ORDER BY count(*) DESC, o.currency`;
  return { code: rows[0]?.currency ?? "USD", mixed: rows.length > 1 ? rows.map((r) => r.currency) : null };
}

// Contract metrics: what was signed, month by month, and which contracts come up for renewal
// soon. Money leaves SQL as text (numeric::text), so totals stay exact decimal strings. Dates
// are the organization's: a contract signed at 23:30 on 31 January in Berlin is a January one.
import { Prisma } from "@/generated/prisma/client";
import type { Tx } from "@/server/db/tenant";
import type { CurrencyInfo } from "./deals";
import { type DashboardFilters, atLocalTimes, contractScope } from "./filters";

/** How far ahead "renewals due" looks, in days from today. */
export const RENEWAL_WINDOW_DAYS = 90;
/** How many of the soonest renewals are listed. */
export const MAX_RENEWALS_LISTED = 10;

/** Contracts (c) with their deal (o), which carries the pipeline and the company. */
const contractsWithDeal = Prisma.sql`contracts c JOIN opportunities o ON o.organization_id = c.organization_id AND o.id = c.opportunity_id`;

export interface SignedMonth {
  /** YYYY-MM, in the organization's time zone. */
  month: string;
  /** How many contracts became active (fully signed) this month. */
  count: number;
  /** Sum of their total_value. */
  value: string;
}

export interface SignedContracts {
  byMonth: SignedMonth[];
  count: number;
  value: string;
}

/**
 * Signed value by month: every calendar month the range touches, with the count and total
 * value of contracts fully signed (activated_at set) in it, whatever happened to them since
 * (active, expired, renewed or terminated). Months with nothing signed are kept as zero so
 * the chart has no holes. The range's days are the organization's days.
 */
export async function signedContracts(tx: Tx, f: DashboardFilters, timeZone: string): Promise<SignedContracts> {
  const byMonth = await tx.$queryRaw<SignedMonth[]>`
    WITH months AS (
      SELECT generate_series(date_trunc('month', ${f.from}::date::timestamp), date_trunc('month', ${f.to}::date::timestamp), interval '1 month')::date AS month
    ), signed AS (
      SELECT date_trunc('month', c.activated_at AT TIME ZONE ${timeZone})::date AS month, count(*)::int AS count, sum(c.total_value) AS value
      FROM ${contractsWithDeal}
      WHERE c.activated_at IS NOT NULL AND ${atLocalTimes("c.activated_at", f, timeZone)} ${contractScope(f)}
      GROUP BY 1
    )
    SELECT to_char(m.month, 'YYYY-MM') AS month, coalesce(signed.count, 0) AS count, coalesce(signed.value, 0.00)::text AS value
    FROM months m LEFT JOIN signed USING (month)
    ORDER BY m.month`;
  // The months cover the whole range and nothing outside it, so their sum is the range's total.
  const value = byMonth.reduce((sum, m) => sum.plus(m.value), new Prisma.Decimal(0)).toFixed(2);
  return { byMonth, count: byMonth.reduce((n, m) => n + m.count, 0), value };
}

export interface RenewalDue {
  id: string;
  contractNumber: string;
  title: string;
  /** The deal's company; null when the deal has none. */
  companyName: string | null;
  /** YYYY-MM-DD */
  endDate: string;
  /** Days from today (the organization's) to the end date: 0 means it ends today. */
  daysLeft: number;
  autoRenew: boolean;
  value: string;
  currency: string;
  ownerId: string | null;
  /** null with an ownerId: not a member any more, so their name is not visible here. */
  ownerName: string | null;
}

export interface RenewalsDue {
  /** Today and the last day of the window (YYYY-MM-DD, the organization's days). */
  today: string;
  through: string;
  count: number;
  value: string;
  /** Of `count`: the ones that renew by themselves, and the ones someone has to act on. */
  autoRenew: number;
  needsAction: number;
  /** The soonest MAX_RENEWALS_LISTED, by end date. */
  next: RenewalDue[];
}

/**
 * Active contracts ending between today and RENEWAL_WINDOW_DAYS from now (inclusive), in the
 * organization's time zone. A snapshot of now: the date range does not apply, the owner and
 * pipeline filters do. Contracts already past their end date but not yet expired by the
 * renewal job are overdue rather than due, and are left out.
 */
export async function renewalsDue(tx: Tx, f: DashboardFilters, timeZone: string): Promise<RenewalsDue> {
  const today = Prisma.sql`(now() AT TIME ZONE ${timeZone})::date`;
  const due = Prisma.sql`c.status = 'active' AND c.end_date BETWEEN ${today} AND ${today} + ${RENEWAL_WINDOW_DAYS}::int ${contractScope(f)}`;
  const [summary] = await tx.$queryRaw<Omit<RenewalsDue, "next">[]>`
    SELECT to_char(${today}, 'YYYY-MM-DD') AS today, to_char(${today} + ${RENEWAL_WINDOW_DAYS}::int, 'YYYY-MM-DD') AS through,
           count(c.id)::int AS count, coalesce(sum(c.total_value), 0.00)::text AS value,
           count(c.id) FILTER (WHERE c.auto_renew)::int AS "autoRenew",
           count(c.id) FILTER (WHERE NOT c.auto_renew)::int AS "needsAction"
    FROM ${contractsWithDeal} WHERE ${due}`;
  const next = await tx.$queryRaw<RenewalDue[]>`
    SELECT c.id, c.contract_number AS "contractNumber", c.title, co.name AS "companyName",
           to_char(c.end_date, 'YYYY-MM-DD') AS "endDate", (c.end_date - ${today})::int AS "daysLeft",
           c.auto_renew AS "autoRenew", c.total_value::text AS value, c.currency,
           c.owner_id AS "ownerId", u.full_name AS "ownerName"
    FROM ${contractsWithDeal}
    LEFT JOIN companies co ON co.organization_id = o.organization_id AND co.id = o.company_id
    LEFT JOIN users u ON u.id = c.owner_id
    WHERE ${due}
    ORDER BY c.end_date, c.contract_number
    LIMIT ${MAX_RENEWALS_LISTED}`;
  return { ...summary!, next };
}

/**
 * The currency contract totals are shown in: the one most contracts use (as deals do), or
 * `fallback` (the deals' currency) when there are no contracts yet.
 */
export async function contractCurrencies(tx: Tx, fallback: string): Promise<CurrencyInfo> {
  const rows = await tx.$queryRaw<{ currency: string }[]>`
    SELECT c.currency FROM contracts c GROUP BY c.currency ORDER BY count(*) DESC, c.currency`;
  return { code: rows[0]?.currency ?? fallback, mixed: rows.length > 1 ? rows.map((r) => r.currency) : null };
}

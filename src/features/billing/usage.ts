// Monthly usage against the plan's limits: leads created and AI calls made, counted per
// calendar month (UTC) in usage_counters. Adding to a counter first locks its row, so two
// changes at once cannot both take the last unit; the count commits (or rolls back) with the
// change itself. Usage is always counted; limits are enforced only while billing is on
// (self-hosted Parley has none).
import { AsyncLocalStorage } from "node:async_hooks";
import { AppError } from "@/server/api/errors";
import type { OrgScope } from "@/server/api/scope";
import { billingEnabled } from "@/server/billing/config";
import { billingPath } from "./access";
import { planForTier } from "./plans";

/**
 * Work the platform does itself (the demo seed) is nobody's usage: inside `unmetered`, nothing
 * is counted and no limit applies.
 */
const platformWork = new AsyncLocalStorage<true>();
export const unmetered = <T>(fn: () => Promise<T>): Promise<T> => platformWork.run(true, fn);
const isUnmetered = () => platformWork.getStore() === true;

export const USAGE_METRICS = ["leads", "ai_calls"] as const;
export type UsageMetric = (typeof USAGE_METRICS)[number];

/** The first day of this calendar month in UTC, as a date ("2026-11-01"). */
export function usagePeriod(now = new Date()): string {
  return `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, "0")}-01`;
}

export interface Allowance {
  used: number;
  /** null: no limit (billing is off). */
  limit: number | null;
  remaining: number;
}

const LIMIT_COLUMN = { leads: "maxLeadsPerMonth", ai_calls: "maxAiCallsPerMonth" } as const;
const NOUN = { leads: "new leads", ai_calls: "AI calls" } as const;

async function planOf(scope: OrgScope) {
  const org = await scope.tx.organization.findUnique({
    where: { id: scope.orgId },
    select: { slug: true, subscriptionTier: true, maxLeadsPerMonth: true, maxAiCallsPerMonth: true },
  });
  if (!org) throw new AppError("NOT_FOUND", "Organization not found");
  return org;
}

/** This month's count, read without locking (meters). */
export async function monthlyUsage(scope: OrgScope, metric: UsageMetric, now = new Date()): Promise<number> {
  const rows = await scope.tx.$queryRaw<{ count: number }[]>`
    SELECT count FROM usage_counters WHERE organization_id = ${scope.orgId}::uuid AND metric = ${metric} AND period_start = ${usagePeriod(now)}::date`;
  return rows[0]?.count ?? 0;
}

/** This month's count, with its row locked until the transaction ends. */
async function lockedUsage(scope: OrgScope, metric: UsageMetric): Promise<number> {
  const period = usagePeriod();
  await scope.tx.$executeRaw`
    INSERT INTO usage_counters (organization_id, metric, period_start) VALUES (${scope.orgId}::uuid, ${metric}, ${period}::date)
    ON CONFLICT (organization_id, metric, period_start) DO NOTHING`;
  const rows = await scope.tx.$queryRaw<{ count: number }[]>`
    SELECT count FROM usage_counters WHERE organization_id = ${scope.orgId}::uuid AND metric = ${metric} AND period_start = ${period}::date FOR UPDATE`;
  return rows[0]?.count ?? 0;
}

/** Adds to this month's count (after `reserve` or `lockedAllowance` in the same transaction). */
export async function addUsage(scope: OrgScope, metric: UsageMetric, amount: number): Promise<void> {
  if (amount <= 0 || isUnmetered()) return;
  await scope.tx.$executeRaw`
    INSERT INTO usage_counters (organization_id, metric, period_start, count) VALUES (${scope.orgId}::uuid, ${metric}, ${usagePeriod()}::date, ${amount})
    ON CONFLICT (organization_id, metric, period_start) DO UPDATE SET count = usage_counters.count + EXCLUDED.count`;
}

/** The sentence a refusal carries: which limit, and where to raise it. */
export function limitMessage(metric: UsageMetric, planName: string, limit: number, orgSlug: string): string {
  return `Your ${planName} plan includes ${limit.toLocaleString("en-US")} ${NOUN[metric]} a month, and this month's are used. Upgrade your plan for more: ${billingPath(orgSlug)}`;
}

export interface LockedAllowance extends Allowance {
  /** Why one more is refused (names the limit and the upgrade link). */
  message: string;
}

/**
 * The allowance with the month's counter locked: for work that decides row by row how many
 * it may add (an import batch), then calls addUsage with what it added.
 */
export async function lockedAllowance(scope: OrgScope, metric: UsageMetric): Promise<LockedAllowance> {
  if (isUnmetered()) return { used: 0, limit: null, remaining: Number.POSITIVE_INFINITY, message: "" };
  const org = await planOf(scope);
  const used = await lockedUsage(scope, metric);
  const limit = billingEnabled() ? org[LIMIT_COLUMN[metric]] : null;
  const plan = planForTier(org.subscriptionTier);
  return {
    used, limit, remaining: limit === null ? Number.POSITIVE_INFINITY : Math.max(0, limit - used),
    message: limitMessage(metric, plan.name, limit ?? 0, org.slug),
  };
}

/** Takes `amount` from this month's allowance, or refuses naming the limit. */
export async function reserve(scope: OrgScope, metric: UsageMetric, amount = 1): Promise<Allowance> {
  const allowance = await lockedAllowance(scope, metric);
  if (allowance.remaining < amount) throw new AppError("PRECONDITION_FAILED", allowance.message, "plan");
  await addUsage(scope, metric, amount);
  return { used: allowance.used + amount, limit: allowance.limit, remaining: allowance.remaining - amount };
}

/** Leads: one lead created by hand (leads.create). */
export const reserveLead = (scope: OrgScope) => reserve(scope, "leads", 1);

/**
 * AI calls: the check the AI feature makes before each call it places. Counts the calls
 * (committing with the caller's transaction) or refuses once the month's are used.
 */
export const consumeAiCalls = (scope: OrgScope, calls = 1) => reserve(scope, "ai_calls", calls);

/** Whether an AI call would be allowed now, without taking it (to show or hide the action). */
export async function aiCallAllowance(scope: OrgScope): Promise<Allowance> {
  const org = await planOf(scope);
  const used = await monthlyUsage(scope, "ai_calls");
  const limit = billingEnabled() ? org.maxAiCallsPerMonth : null;
  return { used, limit, remaining: limit === null ? Number.POSITIVE_INFINITY : Math.max(0, limit - used) };
}

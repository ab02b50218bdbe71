// The sales dashboard: a handful of set-based aggregate queries (see ./metrics), run one
// after another on the request's scoped transaction, since one connection runs one query
// at a time. Every query reads through RLS, so another organization's rows never count.
import { assertActiveMember } from "@/features/members/member-check";
import { AppError } from "@/server/api/errors";
import type { OrgScope } from "@/server/api/scope";
import { activities } from "./metrics/activities";
import { contractCurrencies, renewalsDue, signedContracts } from "./metrics/contracts";
import { closedDeals, dealCurrencies, forecastByMonth, openPipeline, pipelineByStage } from "./metrics/deals";
import type { DashboardFilters } from "./metrics/filters";
import { leadConversion } from "./metrics/leads";
import { leaderboard } from "./metrics/leaderboard";
import type { SalesDashboardQuery } from "./sales-dashboard.schema";

/** The chosen pipeline, or the one the board opens first (default, then position, then name). */
async function stagePipeline(scope: OrgScope, pipelineId: string | undefined) {
  if (pipelineId) {
    const chosen = await scope.tx.pipeline.findUnique({
      where: { organizationId_id: { organizationId: scope.orgId, id: pipelineId } },
      select: { id: true, name: true },
    });
    if (!chosen) throw new AppError("NOT_FOUND", "That pipeline does not exist", "pipelineId");
    return chosen;
  }
  return scope.tx.pipeline.findFirst({ orderBy: [{ isDefault: "desc" }, { position: "asc" }, { name: "asc" }], select: { id: true, name: true } });
}

/** Whether the organization has recorded anything at all, whatever the filters. */
async function hasAnyData(scope: OrgScope): Promise<boolean> {
  const [row] = await scope.tx.$queryRaw<{ any: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM opportunities) OR EXISTS (SELECT 1 FROM leads) OR EXISTS (SELECT 1 FROM interactions)
        OR EXISTS (SELECT 1 FROM contracts) AS any`;
  return row!.any;
}

export async function getSalesDashboard(scope: OrgScope, input: SalesDashboardQuery) {
  await assertActiveMember(scope, input.ownerId, "ownerId");
  const pipeline = await stagePipeline(scope, input.pipelineId);
  const f: DashboardFilters = { from: input.from, to: input.to, ownerId: input.ownerId, pipelineId: input.pipelineId };
  const range = { from: input.from, to: input.to };
  const filters = { ownerId: input.ownerId ?? null, pipelineId: input.pipelineId ?? null };

  if (!(await hasAnyData(scope))) return { hasData: false as const, range, filters, pipeline };

  const currency = await dealCurrencies(scope.tx);
  const open = await openPipeline(scope.tx, f);
  const closed = await closedDeals(scope.tx, f);
  const stages = pipeline ? await pipelineByStage(scope.tx, pipeline.id, f) : [];
  const forecast = await forecastByMonth(scope.tx, f);
  const activity = await activities(scope.tx, f);
  const leads = await leadConversion(scope.tx, f);
  const reps = await leaderboard(scope.tx, f);
  // Contract months and "today" are the organization's own days.
  const { timezone } = await scope.tx.organization.findUniqueOrThrow({ where: { id: scope.orgId }, select: { timezone: true } });
  const signed = await signedContracts(scope.tx, f, timezone);
  const renewals = await renewalsDue(scope.tx, f, timezone);
  const contractCurrency = await contractCurrencies(scope.tx, currency.code);

  return {
    hasData: true as const,
    range,
    filters,
    pipeline,
    currency,
    kpis: {
      openPipeline: open,
      winRate: { won: closed.won, lost: closed.lost, wonValue: closed.wonValue, rate: closed.won + closed.lost ? closed.won / (closed.won + closed.lost) : null },
      avgCycleDays: closed.avgCycleDays,
      activities: activity.total,
      leadConversion: { created: leads.created, converted: leads.converted, rate: leads.rate },
      signedValue: { count: signed.count, value: signed.value },
    },
    stages,
    forecast,
    activities: { byType: activity.byType, byRep: activity.byRep },
    leadSources: leads.bySource,
    leaderboard: reps,
    contracts: {
      /** Contract totals are in their own currency, which need not be the deals'. */
      currency: contractCurrency,
      timeZone: timezone,
      signedByMonth: signed.byMonth,
      renewals,
    },
  };
}

export type SalesDashboard = Awaited<ReturnType<typeof getSalesDashboard>>;
export type SalesDashboardData = Extract<SalesDashboard, { hasData: true }>;

import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { type RawSearchParams, plainParams } from "@/components/list/search-params";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { ActivitiesByRepCard, ActivitiesByTypeCard } from "@/features/sales-dashboard/components/activities";
import { RenewalsDueCard, SignedContractsCard } from "@/features/sales-dashboard/components/contracts";
import { Definitions } from "@/features/sales-dashboard/components/definitions";
import { type FilterField, FilterForm } from "@/features/sales-dashboard/components/filter-form";
import { ForecastCard } from "@/features/sales-dashboard/components/forecast";
import { KpiCards } from "@/features/sales-dashboard/components/kpi-cards";
import { LeadSourcesCard } from "@/features/sales-dashboard/components/lead-sources";
import { LeaderboardCard } from "@/features/sales-dashboard/components/leaderboard";
import { PipelineStagesCard } from "@/features/sales-dashboard/components/pipeline-stages";
import { rangePresets } from "@/features/sales-dashboard/components/range-presets";
import { type SalesDashboardInput, salesDashboardSchema } from "@/features/sales-dashboard/sales-dashboard.schema";
import { formatIsoDay, todayIsoDate } from "@/lib/dates";
import { AppError } from "@/server/api/errors";
import { orNotFound, serverApi } from "@/trpc/server";

export const metadata: Metadata = { title: "Sales dashboard" };

type Api = Awaited<ReturnType<typeof serverApi>>;
type FieldErrors = Partial<Record<FilterField, string>>;

/** The dashboard, or the filter a refusal was about (an owner who has left, a pipeline that is gone). */
async function load(api: Api, input: SalesDashboardInput) {
  try {
    return { data: await api.salesDashboard.get(input), errors: {} as FieldErrors };
  } catch (error) {
    const cause = error instanceof TRPCError ? error.cause : undefined;
    if (cause instanceof AppError && (cause.field === "ownerId" || cause.field === "pipelineId")) return { data: null, errors: { [cause.field]: cause.message } as FieldErrors };
    throw error;
  }
}


export default async function SalesDashboardPage({ params, searchParams }: { params: Promise<{ orgSlug: string }>; searchParams: Promise<RawSearchParams> }) {
  const { orgSlug } = await params;
  const raw = plainParams(await searchParams);
  const api = await serverApi(orgSlug);
  const org = await orNotFound(api.organizations.current());
  if (!org.permissions.includes("dashboards:read")) notFound();
  const [members, pipelines] = await Promise.all([
    org.permissions.includes("members:read") ? orNotFound(api.members.list({})) : [],
    org.permissions.includes("pipelines:read") ? orNotFound(api.pipelines.list()) : [],
  ]);
  const owners = members.filter((m) => m.status === "active").map((m) => ({ id: m.user.id, name: m.user.fullName }));

  const input: SalesDashboardInput = { from: raw.from, to: raw.to, ownerId: raw.owner, pipelineId: raw.pipeline };
  const parsed = salesDashboardSchema.safeParse(input);
  const { data, errors } = parsed.success
    ? await orNotFound(load(api, input))
    : { data: null, errors: Object.fromEntries(Object.entries(z.flattenError(parsed.error).fieldErrors).map(([k, v]) => [k, v?.[0]])) as FieldErrors };
  const base = `/${orgSlug}/sales`;

  if (data && !data.hasData) {
    const newDeal = data.pipeline && org.permissions.includes("opportunities:write") ? `/${orgSlug}/pipeline/${data.pipeline.id}/new` : null;
    return (
      <div>
        <PageHeader title="Sales dashboard" />
        <EmptyState title="No sales data yet" action={newDeal ? <Link href={newDeal} className="btn-primary">Add your first deal</Link> : undefined}>
          <p>Pipeline, forecast, win rate, contract, activity and lead charts fill in here as your team adds deals and leads, logs calls, emails and meetings, and signs contracts.</p>
        </EmptyState>
      </div>
    );
  }

  const range = data?.range ?? (parsed.success ? parsed.data : null);
  const ownerLabel = raw.owner ? (owners.find((o) => o.id === raw.owner)?.name ?? "One rep") : "Everyone";
  const pipelineLabel = raw.pipeline ? (data?.pipeline?.name ?? "One pipeline") : "All pipelines";
  const description = range ? `${formatIsoDay(range.from)} – ${formatIsoDay(range.to)} · ${ownerLabel} · ${pipelineLabel}` : undefined;

  return (
    <div>
      <PageHeader title="Sales dashboard" description={description} />
      <FilterForm action={base} filtered={Boolean(raw.from || raw.to || raw.owner || raw.pipeline)} errors={errors} owners={owners}
        pipelines={pipelines.map((p) => ({ id: p.id, name: p.name }))} presets={rangePresets(todayIsoDate())}
        values={{ from: range?.from ?? raw.from ?? "", to: range?.to ?? raw.to ?? "", owner: raw.owner ?? "", pipeline: raw.pipeline ?? "" }} />
      {!data ? (
        <p className="card p-6 text-sm text-slate-600">Correct the filter above to see the numbers.</p>
      ) : (
        <>
          {data.currency.mixed ? (
            <p className="mb-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
              Deals use more than one currency ({data.currency.mixed.join(", ")}). Totals add the amounts without conversion and show them in {data.currency.code}.
            </p>
          ) : null}
          {data.contracts.currency.mixed ? (
            <p className="mb-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
              Contracts use more than one currency ({data.contracts.currency.mixed.join(", ")}). Contract totals add the amounts without conversion and show them in {data.contracts.currency.code}.
            </p>
          ) : null}
          <KpiCards data={data} />
          <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
            <PipelineStagesCard pipelineName={data.pipeline?.name ?? null} stages={data.stages} currency={data.currency.code} />
            <ForecastCard months={data.forecast} currency={data.currency.code}
              totals={{ weighted: data.kpis.openPipeline.weightedInRange, won: data.kpis.winRate.wonValue }} />
            <SignedContractsCard months={data.contracts.signedByMonth} total={data.kpis.signedValue} currency={data.contracts.currency.code} timeZone={data.contracts.timeZone} />
            <RenewalsDueCard renewals={data.contracts.renewals} currency={data.contracts.currency.code} orgSlug={orgSlug} />
            <ActivitiesByTypeCard activities={data.activities} />
            <ActivitiesByRepCard activities={data.activities} />
            <LeadSourcesCard sources={data.leadSources} conversion={data.kpis.leadConversion} />
            <LeaderboardCard rows={data.leaderboard} currency={data.currency.code} />
          </div>
          <Definitions />
        </>
      )}
    </div>
  );
}

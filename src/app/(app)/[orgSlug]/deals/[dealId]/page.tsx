import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { MoveDealForm } from "@/features/opportunities/components/move-deal-form";
import { DetailItem } from "@/components/ui/detail-item";
import { DealActions } from "@/features/opportunities/components/deal-actions";
import { ContractStatusBadge } from "@/features/contracts/components/status-badge";
import { ProposalStatusBadge } from "@/features/proposals/components/status-badge";
import { RecordWork } from "@/features/records/components/record-work";
import { Timeline } from "@/features/timeline/components/timeline";
import { formatDate, formatDateTime } from "@/lib/dates";
import { isUuid } from "@/lib/ids";
import { humanize } from "@/lib/labels";
import { formatMoney } from "@/lib/money";
import { orNotFound, serverApi } from "@/trpc/server";

export const metadata: Metadata = { title: "Deal" };

const duration = (seconds: number | null) => {
  if (seconds === null) return "";
  const days = Math.floor(seconds / 86_400);
  return days >= 1 ? `${days} day${days === 1 ? "" : "s"}` : seconds >= 3600 ? `${Math.floor(seconds / 3600)} h` : `${Math.max(1, Math.floor(seconds / 60))} min`;
};

export default async function DealPage({ params }: { params: Promise<{ orgSlug: string; dealId: string }> }) {
  const { orgSlug, dealId } = await params;
  if (!isUuid(dealId)) notFound();
  const api = await serverApi(orgSlug);
  const [org, deal, pipelines] = await Promise.all([orNotFound(api.organizations.current()), orNotFound(api.opportunities.get({ id: dealId })), orNotFound(api.pipelines.list())]);
  const stages = pipelines.find((p) => p.id === deal.pipelineId)?.stages ?? [];
  const [proposals, contracts] = await Promise.all([
    org.permissions.includes("proposals:read") ? orNotFound(api.proposals.list({ opportunityId: deal.id, pageSize: 10 })) : null,
    org.permissions.includes("contracts:read") ? orNotFound(api.contracts.forDeal({ opportunityId: deal.id })) : null,
  ]);
  return (
    <div>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm"><Link href={`/${orgSlug}/pipeline/${deal.pipelineId}`} className="text-brand-700 hover:underline">{deal.pipeline.name}</Link></nav>
      <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
        <div>
        <h1 className="text-2xl font-semibold">{deal.name}{deal.isArchived ? <span className="ml-2 rounded bg-slate-200 px-2 py-0.5 align-middle text-xs font-medium text-slate-700">Archived</span> : null}</h1>
        <p className="mt-1 text-sm text-slate-600">
          {formatMoney(deal.value, deal.currency)} · {deal.stage.name} ({deal.probability}%) · {humanize(deal.status)}
          {deal.company ? <> · <Link href={`/${orgSlug}/companies/${deal.company.id}`} className="text-brand-700 hover:underline">{deal.company.name}</Link></> : null}
          {deal.lead ? <> · from the <Link href={`/${orgSlug}/leads/${deal.lead.id}`} className="text-brand-700 hover:underline">{deal.lead.company.name} lead</Link></> : null}
        </p>
        </div>
        {org.permissions.includes("opportunities:write") ? (
          <div className="flex flex-wrap items-start gap-2">
            <Link href={`/${orgSlug}/deals/${deal.id}/edit`} className="btn-secondary">Edit</Link>
            <DealActions orgSlug={orgSlug} dealId={deal.id} name={deal.name} pipelineId={deal.pipelineId} archived={deal.isArchived} canDelete={org.permissions.includes("opportunities:delete")} />
          </div>
        ) : null}
      </div>
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          {org.permissions.includes("opportunities:write") ? (
            <section aria-labelledby="move" className="card p-5">
              <h2 id="move" className="mb-3 font-semibold">Move this deal</h2>
              <MoveDealForm dealId={deal.id} currentStageId={deal.currentStageId} stages={stages} />
            </section>
          ) : null}
          <section aria-labelledby="facts" className="card p-5">
            <h2 id="facts" className="mb-4 font-semibold">Details</h2>
            <dl className="grid gap-4 text-sm sm:grid-cols-3">
              <DetailItem label="Weighted value">{formatMoney(deal.weightedValue, deal.currency)}</DetailItem>
              <DetailItem label="Expected close">{deal.expectedCloseDate ? formatDate(deal.expectedCloseDate) : "—"}</DetailItem>
              <DetailItem label="Closed">{deal.actualCloseDate ? formatDate(deal.actualCloseDate) : "—"}</DetailItem>
              <DetailItem label="Owner">{deal.owner?.fullName ?? "—"}</DetailItem>
              <DetailItem label="Contact">{deal.contact ? <Link href={`/${orgSlug}/contacts/${deal.contact.id}`} className="text-brand-700 hover:underline">{deal.contact.fullName}</Link> : "—"}</DetailItem>
              <DetailItem label="Team">{deal.team.length ? deal.team.map((t) => t.fullName).join(", ") : "—"}</DetailItem>
              <DetailItem label="Reason">{deal.closedReason ?? "—"}{deal.competitorWon ? ` (went to ${deal.competitorWon})` : ""}</DetailItem>
            </dl>
          </section>
          <section aria-labelledby="history" className="card p-5">
            <h2 id="history" className="mb-3 font-semibold">Stage history</h2>
            <ol className="space-y-2 text-sm">
              {deal.stageHistory.map((h) => (
                <li key={h.id}>
                  <span className="font-medium">{h.fromStage || h.fromStageName ? `${h.fromStage?.name ?? h.fromStageName} → ${h.toStage?.name ?? h.toStageName}` : `Entered ${h.toStage?.name ?? h.toStageName}`}</span>
                  <span className="text-slate-500"> · {formatDateTime(h.movedAt)}{h.mover ? ` by ${h.mover.fullName}` : ""}{h.fromStage && h.timeInStage !== null ? ` · after ${duration(h.timeInStage)}` : ""}</span>
                </li>
              ))}
            </ol>
          </section>
          {proposals ? (
            <section aria-labelledby="proposals" className="card p-5">
              <div className="mb-3 flex items-center justify-between gap-3">
                <h2 id="proposals" className="font-semibold">Proposals</h2>
                {org.permissions.includes("proposals:write") ? <Link href={`/${orgSlug}/proposals/new?dealId=${deal.id}`} className="btn-primary">New proposal</Link> : null}
              </div>
              {proposals.items.length === 0 ? <p className="text-sm text-slate-600">No proposals for this deal yet.</p> : (
                <ul className="divide-y divide-slate-100 text-sm">
                  {proposals.items.map((p) => (
                    <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                      <Link href={`/${orgSlug}/proposals/${p.id}`} className="font-medium text-brand-700 hover:underline">{p.proposalNumber}{p.version > 1 ? ` v${p.version}` : ""} · {p.title}</Link>
                      <span className="flex items-center gap-2"><span className="tabular-nums">{formatMoney(p.totalAmount, p.currency)}</span><ProposalStatusBadge status={p.status} /></span>
                    </li>
                  ))}
                </ul>
              )}
              {proposals.total > proposals.items.length ? <Link href={`/${orgSlug}/proposals?opportunityId=${deal.id}`} className="mt-2 inline-block text-sm text-brand-700 hover:underline">All {proposals.total} proposals</Link> : null}
            </section>
          ) : null}
          {contracts ? (
            <section aria-labelledby="contracts" className="card p-5">
              <div className="mb-3 flex items-center justify-between gap-3">
                <h2 id="contracts" className="font-semibold">Contracts</h2>
                {org.permissions.includes("contracts:write") ? <Link href={`/${orgSlug}/contracts/new?opportunityId=${deal.id}`} className="btn-secondary">New contract</Link> : null}
              </div>
              {contracts.length === 0 ? <p className="text-sm text-slate-600">No contracts for this deal yet. Create one from an accepted proposal, or with New contract.</p> : (
                <ul className="divide-y divide-slate-100 text-sm">
                  {contracts.map((c) => (
                    <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                      <Link href={`/${orgSlug}/contracts/${c.id}`} className="font-medium text-brand-700 hover:underline">{c.contractNumber} · {c.title}</Link>
                      <span className="flex items-center gap-2"><span className="tabular-nums">{formatMoney(c.totalValue, c.currency)}</span><ContractStatusBadge status={c.status} /></span>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          ) : null}
          <RecordWork orgSlug={orgSlug} links={{ opportunityId: deal.id }} permissions={org.permissions} />
        </div>
        <section aria-labelledby="activity" className="card p-5">
          <h2 id="activity" className="mb-3 font-semibold">Activity</h2>
          <Timeline events={deal.timeline} />
        </section>
      </div>
    </div>
  );
}

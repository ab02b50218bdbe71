import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DetailItem } from "@/components/ui/detail-item";
import { ProposalActions } from "@/features/proposals/components/proposal-actions";
import { ProposalStatusBadge } from "@/features/proposals/components/status-badge";
import { formatDate, formatDateTime, formatIsoDay } from "@/lib/dates";
import { isUuid } from "@/lib/ids";
import { humanize } from "@/lib/labels";
import { formatMoney } from "@/lib/money";
import { orNotFound, serverApi } from "@/trpc/server";
import { TotalsList } from "@/features/proposals/components/totals-list";
import { LineItemsTable } from "@/features/proposals/components/line-items-table";

export const metadata: Metadata = { title: "Proposal" };

export default async function ProposalPage({ params }: { params: Promise<{ orgSlug: string; proposalId: string }> }) {
  const { orgSlug, proposalId } = await params;
  if (!isUuid(proposalId)) notFound();
  const api = await serverApi(orgSlug);
  const [org, p] = await Promise.all([orNotFound(api.organizations.current()), orNotFound(api.proposals.get({ id: proposalId }))]);
  const canWrite = org.permissions.includes("proposals:write");
  const [approvers, deal] = canWrite && p.isCurrent
    ? await Promise.all([orNotFound(api.proposals.approvers()), orNotFound(api.proposals.recipient({ id: p.id }))])
    : [[], null];
  // An accepted proposal becomes a contract: its page links to it, or offers to create it.
  const contract = p.status === "accepted" && org.permissions.includes("contracts:read")
    ? (await orNotFound(api.contracts.forDeal({ opportunityId: p.opportunity.id }))).find((c) => c.proposalId === p.id) ?? null
    : null;
  const canContract = p.status === "accepted" && !contract && org.permissions.includes("contracts:write");
  const money = (v: string) => formatMoney(v, p.currency);
  const pending = p.approvals.find((a) => a.status === "pending");
  const newest = p.versions[0]!;
  const sections = [
    ["Executive summary", p.executiveSummary], ["Scope of work", p.scopeOfWork], ["Terms and conditions", p.termsAndConditions],
    ...p.customSections.map((s) => [s.title, s.body] as const),
  ].filter(([, body]) => body);
  return (
    <div>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href={`/${orgSlug}/proposals`} className="text-brand-700 hover:underline">Proposals</Link>
        {" / "}<Link href={`/${orgSlug}/deals/${p.opportunity.id}`} className="text-brand-700 hover:underline">{p.opportunity.name}</Link>
      </nav>
      <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">{p.title}</h1>
          <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">
            <span className="tabular-nums">{p.proposalNumber} · version {p.version}</span>
            <ProposalStatusBadge status={p.status} />
            {p.creator ? <span>by {p.creator.fullName}</span> : null}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          {/* A file download from a route handler: a plain link, not a client-side navigation. */}
          <a href={`/api/organizations/${orgSlug}/proposals/${p.id}/pdf`} className="btn-secondary" download>Download PDF</a>
          {contract ? <Link href={`/${orgSlug}/contracts/${contract.id}`} className="btn-secondary">Contract {contract.contractNumber}</Link> : null}
          {canContract ? <Link href={`/${orgSlug}/contracts/new?proposalId=${p.id}`} className="btn-primary">Create contract</Link> : null}
          {canWrite && p.editable ? (
            <Link href={`/${orgSlug}/proposals/${p.id}/edit`} className="btn-secondary">{p.editMakesNewVersion ? "Revise (new version)" : "Edit"}</Link>
          ) : null}
        </div>
      </div>
      {!p.isCurrent ? (
        <p role="note" className="mb-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-800">
          You are reading version {p.version}, kept as it was. The newest is <Link href={`/${orgSlug}/proposals/${newest.id}`} className="font-medium underline">version {newest.version}</Link>.
        </p>
      ) : null}
      {p.isCurrent && p.needsApproval && (p.status === "draft" || p.status === "pending_approval") ? (
        <p role="note" className="mb-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-800">
          Its discount ({p.discountPercentage}%) is above your organization&apos;s {p.approvalThresholdPercent}% threshold: it needs an approval before it is sent.
          {pending ? ` Waiting for ${pending.approver?.fullName ?? "an approver"}.` : ""}
        </p>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <section aria-labelledby="lines" className="card p-5">
            <h2 id="lines" className="mb-3 font-semibold">Line items</h2>
            {p.lines.length === 0 ? <p className="text-sm text-slate-600">No lines yet{canWrite && p.editable ? ": edit the proposal to add some." : "."}</p> : (
              <LineItemsTable lines={p.lines} currency={p.currency} showSku />
            )}
            <TotalsList totals={{ ...p, total: p.totalAmount }} currency={p.currency} testIdPrefix="proposal" />
          </section>
          <section aria-labelledby="sections" className="card space-y-4 p-5">
            <h2 id="sections" className="font-semibold">Sections</h2>
            {sections.length === 0 ? <p className="text-sm text-slate-600">No sections written yet.</p> : sections.map(([title, body], i) => (
              <div key={i}>
                <h3 className="text-sm font-semibold">{title}</h3>
                <p className="whitespace-pre-line text-sm text-slate-700">{body}</p>
              </div>
            ))}
          </section>
        </div>
        <div className="space-y-6">
          {canWrite && p.isCurrent ? (
            <section aria-labelledby="actions" className="card p-5">
              <h2 id="actions" className="mb-3 font-semibold">Next step</h2>
              <ProposalActions id={p.id} status={p.status} needsApproval={p.needsApproval}
                approvers={approvers} defaultEmail={p.sentToEmail ?? deal?.contactEmail ?? ""} />
              {p.status === "pending_approval" ? <p className="text-sm text-slate-600">Waiting for {pending?.approver?.fullName ?? "an approver"} to decide.</p> : null}
              {p.status === "accepted" ? <p className="text-sm text-slate-600">The customer accepted.{canContract ? " Create the contract from it, or revise it to propose again." : contract ? ` Its contract is ${contract.contractNumber}.` : " Revise it to propose again."}</p> : null}
              {p.status === "rejected" ? <p className="text-sm text-slate-600">The customer answered; revise it to propose again.</p> : null}
              {p.status === "expired" ? <p className="text-sm text-slate-600">Past its valid-until date: revise it with a new date to send it again.</p> : null}
            </section>
          ) : null}
          <section aria-labelledby="facts" className="card p-5">
            <h2 id="facts" className="mb-3 font-semibold">Details</h2>
            <dl className="grid grid-cols-2 gap-3 text-sm">
              <DetailItem label="Valid until">{p.validUntil ? formatIsoDay(p.validUntil) : "—"}</DetailItem>
              <DetailItem label="Sent">{p.sentAt ? `${formatDateTime(p.sentAt)}${p.sentToEmail ? ` to ${p.sentToEmail}` : ""}` : "—"}</DetailItem>
              <DetailItem label="Viewed">{p.viewedAt ? `${p.viewCount}× (first ${formatDate(p.viewedAt)})` : "—"}</DetailItem>
              <DetailItem label="Answer">{p.acceptedAt ? `Accepted ${formatDate(p.acceptedAt)}${p.acceptedByName ? ` by ${p.acceptedByName}` : ""}${p.decidedIp ? ` (from ${p.decidedIp})` : ""}` : p.rejectedAt ? `Rejected ${formatDate(p.rejectedAt)}${p.rejectionReason ? `: ${p.rejectionReason}` : ""}` : "—"}</DetailItem>
            </dl>
          </section>
          <section aria-labelledby="approvals" className="card p-5">
            <h2 id="approvals" className="mb-3 font-semibold">Approvals</h2>
            {p.approvals.length === 0 ? <p className="text-sm text-slate-600">None asked for this version.</p> : (
              <ol className="space-y-3 text-sm">
                {p.approvals.map((a) => (
                  <li key={a.id}>
                    <p className="font-medium">{humanize(a.status)}{a.resolver ? ` by ${a.resolver.fullName}` : a.approver ? ` (asked of ${a.approver.fullName})` : ""}</p>
                    {a.comment ? <p className="text-slate-700">“{a.comment}”</p> : null}
                    <p className="text-xs text-slate-500">Requested by {a.requester?.fullName ?? "someone"} · {formatDateTime(a.createdAt)}</p>
                  </li>
                ))}
              </ol>
            )}
          </section>
          <section aria-labelledby="versions" className="card p-5">
            <h2 id="versions" className="mb-3 font-semibold">Versions</h2>
            <ol className="space-y-2 text-sm">
              {p.versions.map((v) => (
                <li key={v.id} className="flex items-center justify-between gap-2">
                  {v.id === p.id ? <span className="font-medium" aria-current="page">Version {v.version}</span>
                    : <Link href={`/${orgSlug}/proposals/${v.id}`} className="text-brand-700 hover:underline">Version {v.version}</Link>}
                  <span className="flex items-center gap-2"><span className="tabular-nums">{money(v.totalAmount)}</span><ProposalStatusBadge status={v.status} /></span>
                </li>
              ))}
            </ol>
          </section>
        </div>
      </div>
    </div>
  );
}

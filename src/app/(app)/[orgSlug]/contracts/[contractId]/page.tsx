import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DetailItem } from "@/components/ui/detail-item";
import { ContractActions } from "@/features/contracts/components/contract-actions";
import { ScheduleTable } from "@/features/contracts/components/schedule-table";
import { ContractStatusBadge } from "@/features/contracts/components/status-badge";
import { CONTRACT_TYPE_LABELS } from "@/features/contracts/contracts.schema";
import { formatDate, formatDateTime, formatIsoDay } from "@/lib/dates";
import { isUuid } from "@/lib/ids";
import { humanize } from "@/lib/labels";
import { formatMoney } from "@/lib/money";
import { getSession, orNotFound, serverApi } from "@/trpc/server";

export const metadata: Metadata = { title: "Contract" };

const how = (method: string | null) => (method === "drawn" ? "drawn signature" : method === "typed" ? "typed signature" : "signature");

/** "opened Nov 30, 2026, 2:22 PM UTC" or "opened 3 times, first …, last …". */
function openedText(l: { viewedAt: Date | null; viewCount: number; lastViewedAt: Date | null }) {
  if (l.viewCount <= 1 || !l.lastViewedAt) return `viewed ${formatDateTime(l.viewedAt!)}`;
  return `viewed ${l.viewCount} times, first ${formatDateTime(l.viewedAt!)}, last ${formatDateTime(l.lastViewedAt)}`;
}

export default async function ContractPage({ params }: { params: Promise<{ orgSlug: string; contractId: string }> }) {
  const { orgSlug, contractId } = await params;
  if (!isUuid(contractId)) notFound();
  const api = await serverApi(orgSlug);
  const [org, c, links, session] = await Promise.all([
    orNotFound(api.organizations.current()), orNotFound(api.contracts.get({ id: contractId })), orNotFound(api.contracts.links({ id: contractId })), getSession(),
  ]);
  const can = { write: org.permissions.includes("contracts:write"), delete: org.permissions.includes("contracts:delete"), admin: org.permissions.includes("contracts:admin") };
  const recipient = can.write && c.status === "draft" ? await orNotFound(api.contracts.recipient({ id: c.id })) : null;
  const money = (v: string) => formatMoney(v, c.currency);
  const typeLabel = CONTRACT_TYPE_LABELS[c.type as keyof typeof CONTRACT_TYPE_LABELS] ?? humanize(c.type);
  const waiting = c.status === "pending_signature";
  return (
    <div>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href={`/${orgSlug}/contracts`} className="text-brand-700 hover:underline">Contracts</Link>
        {" / "}<Link href={`/${orgSlug}/deals/${c.opportunity.id}`} className="text-brand-700 hover:underline">{c.opportunity.name}</Link>
      </nav>
      <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h1 className="break-words text-2xl font-semibold">{c.title}</h1>
          <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">
            <span className="tabular-nums">{c.contractNumber}</span>
            <ContractStatusBadge status={c.status} />
            <span>{typeLabel}</span>
            <span className="font-medium tabular-nums text-slate-900" data-testid="contract-value">{money(c.totalValue)}</span>
          </p>
        </div>
        <a href={`/api/organizations/${orgSlug}/contracts/${c.id}/pdf`} className="btn-secondary">Download PDF</a>
      </div>
      {c.status === "terminated" ? (
        <p role="note" className="mb-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          Terminated{c.terminatedAt ? ` on ${formatDateTime(c.terminatedAt)}` : ""}{c.terminationReason ? `: ${c.terminationReason}` : "."}
        </p>
      ) : null}
      {waiting ? (
        <p role="note" className="mb-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-800">
          Waiting for {[c.awaiting.client ? `the client's signature${c.sentToEmail ? ` (${c.sentToEmail})` : ""}` : null, c.awaiting.internal ? "a countersignature" : null].filter(Boolean).join(" and ")}.
          The terms are frozen until then; withdraw it to draft to change them.
        </p>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="min-w-0 space-y-6 lg:col-span-2">
          <section aria-labelledby="schedule" className="card p-5">
            <h2 id="schedule" className="mb-3 font-semibold">Payment schedule</h2>
            <ScheduleTable schedule={c.paymentSchedule} currency={c.currency} testIdPrefix="contract" />
          </section>
          <section aria-labelledby="signatures" className="card p-5">
            <h2 id="signatures" className="mb-3 font-semibold">Signatures</h2>
            {c.renewedFrom && !c.clientSignedAt && !c.internalSignedAt ? (
              <p className="text-sm text-slate-700" data-testid="renewal-basis">
                No new signatures needed: this contract renews{" "}
                <Link href={`/${orgSlug}/contracts/${c.renewedFrom.id}`} className="text-brand-700 hover:underline">{c.renewedFrom.contractNumber}</Link>{" "}
                under the automatic renewal terms both parties signed there{c.activatedAt ? `, and took effect on ${formatDateTime(c.activatedAt)}` : ""}.
              </p>
            ) : (
              <ul className="space-y-4 text-sm">
                <li>
                  <p className="font-medium">Client{c.opportunity.company ? ` · ${c.opportunity.company.name}` : ""}</p>
                  {!c.clientSignatureRequired ? <p className="text-slate-600">Not required for this contract.</p>
                    : c.clientSignedAt ? (
                      <p className="text-slate-700" data-testid="client-signature">
                        <span className="font-medium text-emerald-700">Signed</span> by {c.clientSignedBy}{c.clientSignatureEmail ? ` (${c.clientSignatureEmail})` : ""} on {formatDateTime(c.clientSignedAt)}
                        {c.clientSignatureIp ? ` from ${c.clientSignatureIp}` : ""}, {how(c.clientSignatureMethod)}
                      </p>
                    ) : waiting ? <p className="text-amber-700">Waiting{c.sentToEmail ? ` for ${c.sentToEmail}` : ""}</p>
                      : <p className="text-slate-600">Not sent for signature yet.</p>}
                </li>
                <li>
                  <p className="font-medium">{org.name}</p>
                  {c.internalSignedAt ? (
                    <p className="text-slate-700" data-testid="internal-signature">
                      <span className="font-medium text-emerald-700">Countersigned</span> by {c.internalSignerName}
                      {c.internalSigner && c.internalSigner.fullName !== c.internalSignerName ? ` (${c.internalSigner.fullName})` : ""} on {formatDateTime(c.internalSignedAt)}
                      {c.internalSignatureIp ? ` from ${c.internalSignatureIp}` : ""}, {how(c.internalSignatureMethod)}
                    </p>
                  ) : waiting ? <p className="text-amber-700">Waiting for a countersignature{can.admin ? "" : " from someone who may sign contracts"}</p>
                    : <p className="text-slate-600">Not sent for signature yet.</p>}
                </li>
              </ul>
            )}
            {c.documentHash ? (
              <p className="mt-4 break-all text-xs text-slate-500">Document fingerprint (SHA-256): <span className="font-mono" data-testid="document-hash">{c.documentHash}</span></p>
            ) : null}
          </section>
          <section aria-labelledby="terms" className="card p-5">
            <h2 id="terms" className="mb-2 font-semibold">Terms</h2>
            {c.body ? <p className="whitespace-pre-line break-words text-sm text-slate-700">{c.body}</p> : <p className="text-sm text-slate-600">No terms written{can.write && c.status === "draft" ? ": edit the draft to add them." : "."}</p>}
            {c.renewalTerms ? (
              <>
                <h3 className="mb-1 mt-4 text-sm font-semibold">Renewal terms</h3>
                <p className="whitespace-pre-line break-words text-sm text-slate-700">{c.renewalTerms}</p>
              </>
            ) : null}
          </section>
        </div>
        {/* On a phone the next step and the facts come first. */}
        <div className="order-first space-y-6 lg:order-none">
          {can.write || can.admin ? (
            <ContractActionsSection>
              <ContractActions orgSlug={orgSlug} can={can} defaultEmail={recipient?.contactEmail ?? ""} userName={session?.user.fullName ?? ""} organizationName={org.name}
                contract={{ id: c.id, contractNumber: c.contractNumber, status: c.status, clientSignatureRequired: c.clientSignatureRequired, awaiting: c.awaiting, sentToEmail: c.sentToEmail }} />
              {c.status === "active" && !can.admin ? <p className="text-sm text-slate-600">Active since {c.activatedAt ? formatDate(c.activatedAt) : "its signing"}.</p> : null}
              {c.status === "expired" || c.status === "renewed" ? <p className="text-sm text-slate-600">This contract has ended{c.renewal ? `; it was renewed as ${c.renewal.contractNumber}` : ""}.</p> : null}
              {c.status === "terminated" ? <p className="text-sm text-slate-600">Nothing left to do: it was terminated.</p> : null}
            </ContractActionsSection>
          ) : null}
          <section aria-labelledby="facts" className="card p-5">
            <h2 id="facts" className="mb-3 font-semibold">Details</h2>
            <dl className="grid grid-cols-2 gap-3 text-sm">
              <DetailItem label="Client">{c.opportunity.company ? <Link href={`/${orgSlug}/companies/${c.opportunity.company.id}`} className="text-brand-700 hover:underline">{c.opportunity.company.name}</Link> : "—"}</DetailItem>
              <DetailItem label="Deal"><Link href={`/${orgSlug}/deals/${c.opportunity.id}`} className="text-brand-700 hover:underline">{c.opportunity.name}</Link></DetailItem>
              <DetailItem label="Proposal">{c.proposal ? <Link href={`/${orgSlug}/proposals/${c.proposal.id}`} className="text-brand-700 hover:underline">{c.proposal.proposalNumber}{c.proposal.version > 1 ? ` v${c.proposal.version}` : ""}</Link> : "—"}</DetailItem>
              <DetailItem label="Owner">{c.owner?.fullName ?? "—"}</DetailItem>
              <DetailItem label="Start">{formatIsoDay(c.startDate)}</DetailItem>
              <DetailItem label="End">{c.endDate ? formatIsoDay(c.endDate) : "Open-ended"}</DetailItem>
              <DetailItem label="Auto-renew">{c.autoRenew ? "Yes" : "No"}</DetailItem>
              <DetailItem label="Value"><span className="tabular-nums">{money(c.totalValue)}</span></DetailItem>
              <DetailItem label="Payment terms">{c.paymentTerms ?? "—"}</DetailItem>
              <DetailItem label="Sent for signature">{c.sentForSignatureAt ? formatDateTime(c.sentForSignatureAt) : "—"}</DetailItem>
              {c.activatedAt ? <DetailItem label="Active since">{formatDateTime(c.activatedAt)}</DetailItem> : null}
              {c.renewedFrom ? <DetailItem label="Renews"><Link href={`/${orgSlug}/contracts/${c.renewedFrom.id}`} className="text-brand-700 hover:underline">{c.renewedFrom.contractNumber}</Link></DetailItem> : null}
              {c.renewal ? <DetailItem label="Renewed as"><Link href={`/${orgSlug}/contracts/${c.renewal.id}`} className="text-brand-700 hover:underline">{c.renewal.contractNumber}</Link></DetailItem> : null}
            </dl>
          </section>
          <section aria-labelledby="links" className="card p-5">
            <h2 id="links" className="mb-3 font-semibold">Signing links</h2>
            {links.length === 0 ? <p className="text-sm text-slate-600">{c.clientSignatureRequired ? "None sent yet." : "The client does not sign this contract."}</p> : (
              <ol className="space-y-3 text-sm">
                {links.map((l) => (
                  <li key={l.id}>
                    <p className="break-all font-medium">{l.sentToEmail}</p>
                    <p className="text-xs text-slate-500">
                      Sent {formatDateTime(l.createdAt)} · {l.viewedAt ? openedText(l) : "not opened yet"}
                      {l.revokedAt ? <> · <span className="text-red-700">revoked {formatDateTime(l.revokedAt)}</span></> : null}
                    </p>
                  </li>
                ))}
              </ol>
            )}
          </section>
        </div>
      </div>
    </div>
  );
}

function ContractActionsSection({ children }: { children: React.ReactNode }) {
  return (
    <section aria-labelledby="actions" className="card space-y-3 p-5">
      <h2 id="actions" className="font-semibold">Next step</h2>
      {children}
    </section>
  );
}

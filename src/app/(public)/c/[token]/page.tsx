import { PublicLinkClosed } from "@/components/public/public-link-closed";
import { PublicOrgHeader } from "@/components/public/public-org-header";
import type { Metadata } from "next";
import { headers } from "next/headers";
import { PublicSignForm } from "@/features/contracts/components/public-sign-form";
import { ScheduleTable } from "@/features/contracts/components/schedule-table";
import { type PublicContractView, openPublicContract } from "@/features/contracts/contract-public.service";
import { CONTRACT_TYPE_LABELS } from "@/features/contracts/contracts.schema";
import { formatDateTime, formatIsoDay } from "@/lib/dates";
import { humanize } from "@/lib/labels";
import { formatMoney } from "@/lib/money";
import { requestMeta } from "@/server/auth/request-meta";
import { signContractAction } from "./actions";

// The token is in the URL: keep it out of search indexes and out of Referer headers.
export const metadata: Metadata = { title: "Contract", robots: { index: false, follow: false }, referrer: "no-referrer" };

const CLOSED: Record<Exclude<PublicContractView["state"], "open" | "signed">, { title: string; body: string }> = {
  invalid: { title: "This link isn't valid", body: "It may have been cut short when copied. Open the whole link from the email, or ask the sender for a new one." },
  withdrawn: { title: "This link was withdrawn", body: "The sender withdrew this contract or sent you a newer link. Open the link in the most recent email, or ask them to send it again." },
  closed: { title: "This contract can no longer be signed", body: "It is no longer waiting for a signature. If you think this is a mistake, contact the sender." },
};



export default async function PublicContractPage({ params }: { params: Promise<{ token: string }> }) {
  const { token: raw } = await params;
  const token = raw.slice(0, 512);
  const view = await openPublicContract(token, requestMeta(await headers()));
  const c = view.contract;

  if ((view.state !== "open" && view.state !== "signed") || !c) {
    const copy = CLOSED[view.state === "open" || view.state === "signed" ? "invalid" : view.state];
    return <PublicLinkClosed organization={view.organization} title={copy.title} body={copy.body} />;
  }

  const money = (v: string) => formatMoney(v, c.currency);
  const supplier = view.organization?.name ?? "The supplier";
  const pdf = `/c/${token}/pdf`;
  return (
    <div className="mx-auto max-w-3xl px-4 py-8 sm:py-10">
      <PublicOrgHeader organization={view.organization} />
      <div className="mb-6">
        <p className="text-sm text-slate-600">Contract {c.contractNumber} · {CONTRACT_TYPE_LABELS[c.type as keyof typeof CONTRACT_TYPE_LABELS] ?? humanize(c.type)}</p>
        <h1 className="mt-1 text-2xl font-semibold">{c.title}</h1>
      </div>
      {view.state === "signed" && c.clientSignedAt ? (
        <div role="status" className="mb-6 rounded-md border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900">
          <p className="font-medium">Signed by {c.clientSignedBy} on {formatDateTime(c.clientSignedAt)}. Thank you.</p>
          <p className="mt-1">
            {c.status === "pending_signature" ? `${supplier} countersigns next; the contract is in force once they have.`
              : c.status === "active" ? `${supplier} has signed too${c.internalSignerName ? ` (${c.internalSignerName})` : ""}: the contract is in force.`
                : c.status === "terminated" ? "The contract has since been terminated." : "The contract has ended."}
          </p>
          <a href={pdf} className="mt-2 inline-block font-medium text-emerald-900 underline">Download PDF</a>
        </div>
      ) : null}
      <div className="space-y-6">
        <section aria-labelledby="summary" className="card p-5">
          <h2 id="summary" className="mb-3 font-semibold">Summary</h2>
          <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
            <div><dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Between</dt><dd>{supplier}</dd></div>
            <div><dt className="text-xs font-medium uppercase tracking-wide text-slate-500">And</dt><dd>{c.clientName ?? "You"}</dd></div>
            <div><dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Term</dt><dd>{formatIsoDay(c.startDate)} – {c.endDate ? formatIsoDay(c.endDate) : "open-ended"}</dd></div>
            <div><dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Renewal</dt><dd>{c.autoRenew ? "Renews automatically" : "Does not renew automatically"}</dd></div>
            <div><dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Total value</dt><dd className="font-semibold tabular-nums" data-testid="public-contract-value">{money(c.totalValue)}</dd></div>
            <div><dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Payment terms</dt><dd>{c.paymentTerms ?? "—"}</dd></div>
          </dl>
        </section>
        <section aria-labelledby="schedule" className="card p-5">
          <h2 id="schedule" className="mb-3 font-semibold">Payment schedule</h2>
          <ScheduleTable schedule={c.paymentSchedule} currency={c.currency} testIdPrefix="public" />
        </section>
        <section aria-labelledby="terms" className="card p-5">
          <h2 id="terms" className="mb-2 font-semibold">Terms</h2>
          {c.body ? <p className="whitespace-pre-line break-words text-sm text-slate-700">{c.body}</p> : <p className="text-sm text-slate-600">No further terms.</p>}
          {c.autoRenew && c.renewalTerms ? (
            <>
              <h3 className="mb-1 mt-4 text-sm font-semibold">Renewal terms</h3>
              <p className="whitespace-pre-line break-words text-sm text-slate-700">{c.renewalTerms}</p>
            </>
          ) : null}
          {c.documentHash ? (
            <p className="mt-4 break-all border-t border-slate-100 pt-3 text-xs text-slate-500">Document fingerprint (SHA-256): <span className="font-mono">{c.documentHash}</span></p>
          ) : null}
        </section>
        {view.state === "open" ? (
          <>
            <PublicSignForm token={token} action={signContractAction} organizationName={supplier} total={money(c.totalValue)} defaultEmail={c.sentToEmail ?? ""} />
            <p className="text-center text-sm"><a href={pdf} className="text-brand-700 hover:underline">Download PDF</a> to read it offline first.</p>
          </>
        ) : null}
      </div>
    </div>
  );
}

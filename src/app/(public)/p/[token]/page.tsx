import { PublicLinkClosed } from "@/components/public/public-link-closed";
import { PublicOrgHeader } from "@/components/public/public-org-header";
import type { Metadata } from "next";
import { headers } from "next/headers";
import { PublicAnswer } from "@/features/proposals/components/public-answer";
import { TotalsList } from "@/features/proposals/components/totals-list";
import { type PublicProposalView, openPublicProposal } from "@/features/proposals/proposal-public.service";
import { formatDate, formatDateTime, formatIsoDay } from "@/lib/dates";
import { formatMoney } from "@/lib/money";
import { requestMeta } from "@/server/auth/request-meta";
import { answerProposalAction } from "./actions";
import { LineItemsTable } from "@/features/proposals/components/line-items-table";

// The token is in the URL: keep it out of search indexes and out of Referer headers.
export const metadata: Metadata = { title: "Proposal", robots: { index: false, follow: false }, referrer: "no-referrer" };

const CLOSED: Record<Exclude<PublicProposalView["state"], "open" | "decided">, { title: string; body: string }> = {
  invalid: { title: "This link isn't valid", body: "It may have been cut short when copied. Open the whole link from the email, or ask the sender for a new one." },
  revoked: { title: "This link was withdrawn", body: "The sender withdrew this link. If you still need the proposal, ask them to send it again." },
  expired: { title: "This proposal has expired", body: "It is past its valid-until date. Ask the sender for an updated proposal." },
  replaced: { title: "This proposal has been revised", body: "A newer version exists. Open the link in the most recent email, or ask the sender to send it again." },
};


export default async function PublicProposalPage({ params }: { params: Promise<{ token: string }> }) {
  const { token: raw } = await params;
  const token = raw.slice(0, 512);
  const view = await openPublicProposal(token, requestMeta(await headers()), { countView: true });
  const p = view.proposal;

  if (view.state !== "open" && view.state !== "decided") {
    const copy = CLOSED[view.state];
    return (
      <PublicLinkClosed organization={view.organization} title={copy.title} body={copy.body}>
        {view.state === "expired" && p ? <p className="mt-2 text-sm text-slate-600">{p.proposalNumber} “{p.title}” was valid until {p.validUntil ? formatIsoDay(p.validUntil) : null}.</p> : null}
      </PublicLinkClosed>
    );
  }

  if (!p) return null;
  const money = (v: string) => formatMoney(v, p.currency);
  const sections = [
    ["Executive summary", p.executiveSummary], ["Scope of work", p.scopeOfWork], ["Terms and conditions", p.termsAndConditions],
    ...p.customSections.map((s) => [s.title, s.body] as const),
  ].filter(([, body]) => body);
  return (
    <div className="mx-auto max-w-4xl px-4 py-10">
      <PublicOrgHeader organization={view.organization} />
      <div className="mb-6">
        <p className="text-sm text-slate-600">Proposal {p.proposalNumber}{p.version > 1 ? ` · version ${p.version}` : ""}{p.sentAt ? ` · sent ${formatDate(p.sentAt)}` : ""}</p>
        <h1 className="mt-1 text-2xl font-semibold">{p.title}</h1>
        {p.validUntil ? <p className="mt-1 text-sm text-slate-600">Valid until {formatIsoDay(p.validUntil)}</p> : null}
        <p className="mt-3">
          <a href={`/p/${encodeURIComponent(token)}/pdf`} className="btn-secondary" download>Download PDF</a>
        </p>
      </div>
      {view.state === "decided" ? (
        <p role="status" className={`mb-6 rounded-md border px-4 py-3 text-sm ${p.status === "accepted" ? "border-emerald-200 bg-emerald-50 text-emerald-900" : "border-slate-200 bg-white text-slate-800"}`}>
          {p.status === "accepted"
            ? `Accepted${p.acceptedByName ? ` by ${p.acceptedByName}` : ""}${p.acceptedAt ? ` on ${formatDateTime(p.acceptedAt)}` : ""}. Thank you.`
            : `Declined${p.rejectedAt ? ` on ${formatDateTime(p.rejectedAt)}` : ""}${p.rejectionReason ? `: ${p.rejectionReason}` : ""}.`}
        </p>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <section aria-labelledby="lines" className="card p-5">
            <h2 id="lines" className="mb-3 font-semibold">What we propose</h2>
            <LineItemsTable lines={p.lines} currency={p.currency} />
            <TotalsList totals={{ ...p, total: p.totalAmount }} currency={p.currency} testIdPrefix="public" />
          </section>
          {sections.map(([title, body], i) => (
            <section key={i} className="card p-5">
              <h2 className="mb-2 font-semibold">{title}</h2>
              <p className="whitespace-pre-line text-sm text-slate-700">{body}</p>
            </section>
          ))}
        </div>
        <div>
          {view.state === "open" ? <PublicAnswer token={token} action={answerProposalAction} total={money(p.totalAmount)} /> : null}
        </div>
      </div>
    </div>
  );
}

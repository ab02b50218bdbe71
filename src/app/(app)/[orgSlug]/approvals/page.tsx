import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Pagination } from "@/components/list/pagination";
import { type RawSearchParams, listHref, plainParams } from "@/components/list/search-params";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { ApprovalDecision } from "@/features/proposals/components/approval-decision";
import { listApprovalsSchema } from "@/features/proposals/proposals.schema";
import { formatDateTime } from "@/lib/dates";
import { humanize } from "@/lib/labels";
import { formatMoney } from "@/lib/money";
import { orNotFound, serverApi } from "@/trpc/server";

export const metadata: Metadata = { title: "Approvals" };

export default async function ApprovalsPage({ params, searchParams }: { params: Promise<{ orgSlug: string }>; searchParams: Promise<RawSearchParams> }) {
  const { orgSlug } = await params;
  const raw = plainParams(await searchParams);
  const parsed = listApprovalsSchema.safeParse(raw);
  const query = parsed.success ? parsed.data : listApprovalsSchema.parse({});
  const api = await serverApi(orgSlug);
  const org = await orNotFound(api.organizations.current());
  if (!org.permissions.includes("proposals:admin")) notFound();
  const page = await orNotFound(api.approvals.list(query));
  const href = (changes: Record<string, string | number | undefined>) => listHref(`/${orgSlug}/approvals`, raw, changes);
  const tab = (label: string, changes: Record<string, string | undefined>, active: boolean) => (
    <Link href={href({ ...changes, page: undefined })} aria-current={active ? "page" : undefined}
      className={`rounded-md px-3 py-1.5 text-sm ${active ? "bg-brand-600 text-white" : "bg-white text-slate-700 ring-1 ring-slate-200 hover:bg-slate-50"}`}>{label}</Link>
  );
  return (
    <div className="max-w-4xl">
      <PageHeader title="Approvals" description="Proposal discounts above your organization's threshold wait here for a decision." />
      <nav aria-label="Which requests" className="mb-4 flex flex-wrap gap-2">
        {tab("Waiting for me", { status: undefined, scope: undefined }, query.status === "pending" && query.scope === "mine")}
        {tab("All pending", { status: undefined, scope: "all" }, query.status === "pending" && query.scope === "all")}
        {tab("Approved", { status: "approved", scope: "all" }, query.status === "approved")}
        {tab("Rejected", { status: "rejected", scope: "all" }, query.status === "rejected")}
      </nav>
      {page.items.length === 0 ? (
        <EmptyState title={query.status === "pending" ? "Nothing waiting for you" : `No ${query.status} requests`}>
          <p>{query.status === "pending" ? "When someone submits a proposal for approval, it appears here and you get an email." : "Decided requests are listed here."}</p>
        </EmptyState>
      ) : (
        <ul className="space-y-4">
          {page.items.map((r) => {
            const d = r.details as { note?: string | null; thresholdPercent?: string };
            const name = `${r.proposal.proposalNumber} v${r.proposal.version}`;
            return (
              <li key={r.id} className="card p-5">
                <div className="flex flex-wrap items-start justify-between gap-3">
                  <div>
                    <h2 className="font-semibold"><Link href={`/${orgSlug}/proposals/${r.proposal.id}`} className="text-brand-700 hover:underline">{name} · {r.proposal.title}</Link></h2>
                    <p className="text-sm text-slate-600">
                      {r.proposal.opportunity.name} · discount <strong>{r.proposal.discountPercentage}%</strong>{d.thresholdPercent ? ` (threshold ${d.thresholdPercent}%)` : ""} · total {formatMoney(r.proposal.totalAmount, r.proposal.currency)}
                    </p>
                    <p className="text-xs text-slate-500">Asked by {r.requester?.fullName ?? "someone"} of {r.approver?.fullName ?? "any approver"} · {formatDateTime(r.createdAt)} · {humanize(r.priority)} priority</p>
                    {d.note ? <p className="mt-2 text-sm">Note: {d.note}</p> : null}
                  </div>
                  {r.status !== "pending" ? <p className="text-sm">{humanize(r.status)}{r.resolver ? ` by ${r.resolver.fullName}` : ""}{r.comment ? `: “${r.comment}”` : ""}</p> : null}
                </div>
                {r.status === "pending" ? <div className="mt-3 max-w-lg"><ApprovalDecision id={r.id} label={name} /></div> : null}
              </li>
            );
          })}
        </ul>
      )}
      <Pagination page={page.page} pageSize={page.pageSize} total={page.total} pageCount={page.pageCount} href={href} />
    </div>
  );
}

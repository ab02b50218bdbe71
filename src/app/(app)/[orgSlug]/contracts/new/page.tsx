import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { ContractForm } from "@/features/contracts/components/contract-form";
import { toFormValues } from "@/features/contracts/components/contract-form-values";
import { isUuid } from "@/lib/ids";
import { formatMoney } from "@/lib/money";
import { orNotFound, serverApi } from "@/trpc/server";

export const metadata: Metadata = { title: "New contract" };

export default async function NewContractPage({ params, searchParams }: { params: Promise<{ orgSlug: string }>; searchParams: Promise<{ proposalId?: string; opportunityId?: string }> }) {
  const { orgSlug } = await params;
  const { proposalId, opportunityId } = await searchParams;
  const api = await serverApi(orgSlug);
  const org = await orNotFound(api.organizations.current());
  if (!org.permissions.includes("contracts:write")) notFound();

  const from = proposalId && isUuid(proposalId) ? { proposalId } : opportunityId && isUuid(opportunityId) ? { opportunityId } : null;
  if (!from) {
    // Where a contract starts: an accepted proposal, or a deal.
    const accepted = org.permissions.includes("proposals:read") ? await orNotFound(api.proposals.list({ status: "accepted", withoutContract: true, pageSize: 20 })) : null;
    return (
      <div className="max-w-2xl">
        <PageHeader title="New contract" description="A contract starts from an accepted proposal or from a deal." />
        {accepted && accepted.items.length ? (
          <section aria-labelledby="accepted" className="card p-5">
            <h2 id="accepted" className="mb-3 font-semibold">From an accepted proposal</h2>
            <ul className="divide-y divide-slate-100 text-sm">
              {accepted.items.map((p) => (
                <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                  <span><span className="font-medium">{p.proposalNumber}{p.version > 1 ? ` v${p.version}` : ""} · {p.title}</span> <span className="text-slate-500">({p.opportunity.name}, {formatMoney(p.totalAmount, p.currency)})</span></span>
                  <Link href={`/${orgSlug}/contracts/new?proposalId=${p.id}`} className="btn-secondary">Create contract</Link>
                </li>
              ))}
            </ul>
          </section>
        ) : (
          <EmptyState title="No accepted proposals waiting for a contract" action={<Link href={`/${orgSlug}/pipeline`} className="btn-primary">Go to the pipeline</Link>}>
            <p>Once a client accepts a proposal, its page offers Create contract. A deal&apos;s page also has New contract in its Contracts section.</p>
          </EmptyState>
        )}
        <p className="mt-4 text-sm text-slate-600">Or open a deal on the <Link href={`/${orgSlug}/pipeline`} className="text-brand-700 hover:underline">pipeline</Link> and choose New contract in its Contracts section.</p>
      </div>
    );
  }

  let defaults;
  try {
    defaults = await orNotFound(api.contracts.defaults(from));
  } catch (error) {
    if (!(error instanceof TRPCError) || (error.code !== "CONFLICT" && error.code !== "BAD_REQUEST")) throw error;
    return (
      <div className="max-w-xl">
        <PageHeader title="New contract" />
        <div role="alert" className="card p-5 text-sm">
          <p className="font-medium text-slate-900">{error.message}</p>
          <p className="mt-2 text-slate-600">
            {"proposalId" in from ? <Link href={`/${orgSlug}/proposals/${from.proposalId}`} className="text-brand-700 hover:underline">Back to the proposal</Link> : null}
            {"proposalId" in from ? " · " : ""}<Link href={`/${orgSlug}/contracts`} className="text-brand-700 hover:underline">All contracts</Link>
          </p>
        </div>
      </div>
    );
  }
  const back = defaults.proposalId ? `/${orgSlug}/proposals/${defaults.proposalId}` : `/${orgSlug}/deals/${defaults.opportunityId}`;
  return (
    <div className="max-w-5xl">
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href={`/${orgSlug}/contracts`} className="text-brand-700 hover:underline">Contracts</Link>
        {" / "}<Link href={back} className="text-brand-700 hover:underline">{defaults.source}</Link>
      </nav>
      <PageHeader title="New contract" description={defaults.proposalId ? `From accepted proposal ${defaults.source}` : `For the deal ${defaults.source}`} />
      <ContractForm orgSlug={orgSlug} initial={toFormValues(defaults.values)} cancelHref={back}
        target={{ kind: "create", opportunityId: defaults.opportunityId, proposalId: defaults.proposalId }} />
    </div>
  );
}

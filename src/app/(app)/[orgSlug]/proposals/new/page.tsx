import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { ProposalEditor } from "@/features/proposals/components/proposal-editor";
import { isUuid } from "@/lib/ids";
import { orNotFound, serverApi } from "@/trpc/server";

export const metadata: Metadata = { title: "New proposal" };

export default async function NewProposalPage({ params, searchParams }: { params: Promise<{ orgSlug: string }>; searchParams: Promise<{ dealId?: string }> }) {
  const { orgSlug } = await params;
  const { dealId } = await searchParams;
  const api = await serverApi(orgSlug);
  const org = await orNotFound(api.organizations.current());
  if (!org.permissions.includes("proposals:write")) notFound();
  if (!dealId || !isUuid(dealId)) {
    const deals = await orNotFound(api.proposals.dealOptions());
    return (
      <div className="max-w-xl">
        <PageHeader title="New proposal" description="A proposal belongs to a deal: choose which." />
        {deals.length === 0 ? (
          <EmptyState title="No open deals" action={<Link href={`/${orgSlug}/pipeline`} className="btn-primary">Go to the pipeline</Link>}>
            <p>Create a deal on your pipeline first; its proposals start from its page.</p>
          </EmptyState>
        ) : (
          <form className="card flex flex-wrap items-end gap-3 p-5" action={`/${orgSlug}/proposals/new`}>
            <div className="min-w-[16rem] flex-1">
              <label htmlFor="dealId" className="mb-1 block text-sm font-medium text-slate-700">Deal</label>
              <select id="dealId" name="dealId" className="input" required>
                {deals.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
              </select>
            </div>
            <button type="submit" className="btn-primary">Continue</button>
          </form>
        )}
      </div>
    );
  }
  const [deal, products, templates] = await Promise.all([
    orNotFound(api.opportunities.get({ id: dealId })), orNotFound(api.products.list({ pageSize: 100 })), orNotFound(api.proposalTemplates.list()),
  ]);
  return (
    <div className="max-w-5xl">
      <nav aria-label="Breadcrumb" className="mb-2 text-sm"><Link href={`/${orgSlug}/deals/${deal.id}`} className="text-brand-700 hover:underline">{deal.name}</Link></nav>
      <PageHeader title="New proposal" description={`For ${deal.name}, in ${deal.currency}`} />
      <ProposalEditor orgSlug={orgSlug} currency={deal.currency} products={products.items} templates={templates}
        initial={{ title: `Proposal for ${deal.name}`, validUntil: "", executiveSummary: "", scopeOfWork: "", termsAndConditions: "", customSections: [], lines: [] }} target={{ kind: "create", opportunityId: deal.id }} />
    </div>
  );
}

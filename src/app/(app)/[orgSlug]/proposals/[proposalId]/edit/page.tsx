import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { ProposalEditor } from "@/features/proposals/components/proposal-editor";
import { isUuid } from "@/lib/ids";
import { orNotFound, serverApi } from "@/trpc/server";

export const metadata: Metadata = { title: "Edit proposal" };

export default async function EditProposalPage({ params }: { params: Promise<{ orgSlug: string; proposalId: string }> }) {
  const { orgSlug, proposalId } = await params;
  if (!isUuid(proposalId)) notFound();
  const api = await serverApi(orgSlug);
  const [org, p, products] = await Promise.all([orNotFound(api.organizations.current()), orNotFound(api.proposals.get({ id: proposalId })), orNotFound(api.products.list({ pageSize: 100 }))]);
  if (!org.permissions.includes("proposals:write") || !p.editable) notFound();
  // Products on the lines stay choosable even when no longer active.
  const catalog = [...products.items];
  for (const l of p.lines) if (l.product && !catalog.some((c) => c.id === l.product!.id)) catalog.push({ ...l.product, unitPrice: l.unitPrice, taxRate: l.taxRate, description: null } as (typeof catalog)[number]);
  return (
    <div className="max-w-5xl">
      <nav aria-label="Breadcrumb" className="mb-2 text-sm"><Link href={`/${orgSlug}/proposals/${p.id}`} className="text-brand-700 hover:underline">{p.proposalNumber} v{p.version}</Link></nav>
      <PageHeader title={`Edit ${p.proposalNumber}`} description={`For ${p.opportunity.name}, in ${p.currency}`} />
      <ProposalEditor orgSlug={orgSlug} currency={p.currency} products={catalog}
        initial={{
          title: p.title, validUntil: p.validUntil ?? "", executiveSummary: p.executiveSummary ?? "", scopeOfWork: p.scopeOfWork ?? "",
          termsAndConditions: p.termsAndConditions ?? "", customSections: p.customSections.map((s, i) => ({ key: `s${i}`, ...s })),
          lines: p.lines.map((l) => ({ key: l.id, productId: l.productId ?? "", description: l.description, quantity: l.quantity, unitPrice: l.unitPrice, discountPercent: l.discountPercent, taxRate: l.taxRate })),
        }}
        target={{ kind: "edit", id: p.id, newVersion: p.editMakesNewVersion ? p.versions[0]!.version + 1 : null }} />
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { ContractForm } from "@/features/contracts/components/contract-form";
import { toFormValues } from "@/features/contracts/components/contract-form-values";
import { isUuid } from "@/lib/ids";
import { orNotFound, serverApi } from "@/trpc/server";

export const metadata: Metadata = { title: "Edit contract" };

export default async function EditContractPage({ params }: { params: Promise<{ orgSlug: string; contractId: string }> }) {
  const { orgSlug, contractId } = await params;
  if (!isUuid(contractId)) notFound();
  const api = await serverApi(orgSlug);
  const [org, c] = await Promise.all([orNotFound(api.organizations.current()), orNotFound(api.contracts.get({ id: contractId }))]);
  if (!org.permissions.includes("contracts:write")) notFound();
  const href = `/${orgSlug}/contracts/${c.id}`;
  return (
    <div className="max-w-5xl">
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href={`/${orgSlug}/contracts`} className="text-brand-700 hover:underline">Contracts</Link>
        {" / "}<Link href={href} className="text-brand-700 hover:underline">{c.contractNumber}</Link>
      </nav>
      <PageHeader title={`Edit ${c.contractNumber}`} description={`For ${c.opportunity.name}${c.opportunity.company ? ` (${c.opportunity.company.name})` : ""}`} />
      {c.status !== "draft" ? (
        <div role="note" className="card p-5 text-sm">
          <p>{c.contractNumber} is no longer a draft: its terms are frozen. {c.status === "pending_signature" ? "Withdraw it to draft on its page to change them." : ""}</p>
          <Link href={href} className="mt-2 inline-block text-brand-700 hover:underline">Back to the contract</Link>
        </div>
      ) : (
        <ContractForm orgSlug={orgSlug} initial={toFormValues(c)} cancelHref={href} target={{ kind: "edit", id: c.id }} />
      )}
    </div>
  );
}

import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { DealEditForm } from "@/features/opportunities/components/deal-edit-form";
import { isUuid } from "@/lib/ids";
import { orNotFound, serverApi } from "@/trpc/server";

export const metadata: Metadata = { title: "Edit deal" };

export default async function EditDealPage({ params }: { params: Promise<{ orgSlug: string; dealId: string }> }) {
  const { orgSlug, dealId } = await params;
  if (!isUuid(dealId)) notFound();
  const api = await serverApi(orgSlug);
  const [org, deal, members, contacts] = await Promise.all([
    orNotFound(api.organizations.current()), orNotFound(api.opportunities.get({ id: dealId })), orNotFound(api.members.list({})),
    orNotFound(api.contacts.list({ pageSize: 100, sort: "fullName" })),
  ]);
  if (!org.permissions.includes("opportunities:write")) notFound();
  const contactOptions = contacts.items.map((c) => ({ id: c.id, name: c.fullName }));
  if (deal.contact && !contactOptions.some((c) => c.id === deal.contact!.id)) contactOptions.unshift({ id: deal.contact.id, name: deal.contact.fullName });
  const initial = {
    name: deal.name, value: deal.value, currency: deal.currency, expectedCloseDate: deal.expectedCloseDate?.toISOString().slice(0, 10) ?? "",
    company: JSON.stringify(deal.company ? [{ id: deal.company.id, name: deal.company.name }] : []), contactId: deal.contactId ?? "",
    ownerId: deal.ownerId ?? "", team: JSON.stringify(deal.teamMembers),
  };
  return (
    <div className="max-w-3xl">
      <PageHeader title={`Edit ${deal.name}`} />
      <DealEditForm orgSlug={orgSlug} dealId={deal.id} initial={initial} members={members.map((m) => ({ id: m.user.id, name: m.user.fullName }))} contacts={contactOptions} />
    </div>
  );
}

import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { LeadForm } from "@/features/leads/components/lead-form";
import { leadToFormValues } from "@/features/leads/components/lead-form-values";
import { isUuid } from "@/lib/ids";
import { orNotFound, serverApi } from "@/trpc/server";

export const metadata: Metadata = { title: "Edit lead" };

export default async function EditLeadPage({ params }: { params: Promise<{ orgSlug: string; leadId: string }> }) {
  const { orgSlug, leadId } = await params;
  if (!isUuid(leadId)) notFound();
  const api = await serverApi(orgSlug);
  const [org, lead, members, contacts] = await Promise.all([
    orNotFound(api.organizations.current()), orNotFound(api.leads.get({ id: leadId })), orNotFound(api.members.list({})),
    orNotFound(api.contacts.list({ pageSize: 100, sort: "fullName" })),
  ]);
  if (!org.permissions.includes("leads:write")) notFound();
  const contactOptions = contacts.items.map((c) => ({ id: c.id, name: c.fullName }));
  if (lead.contact && !contactOptions.some((c) => c.id === lead.contact!.id)) contactOptions.unshift({ id: lead.contact.id, name: lead.contact.fullName });
  return (
    <div className="max-w-3xl">
      <PageHeader title={`Edit the ${lead.company.name} lead`} />
      <LeadForm orgSlug={orgSlug} leadId={lead.id} converted={lead.status === "converted"} initial={leadToFormValues(lead)}
        members={members.map((m) => ({ id: m.user.id, name: m.user.fullName }))} contacts={contactOptions} />
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { ConvertLeadForm } from "@/features/leads/components/convert-lead-form";
import { isUuid } from "@/lib/ids";
import { orNotFound, serverApi } from "@/trpc/server";

export const metadata: Metadata = { title: "Convert lead" };

export default async function ConvertLeadPage({ params }: { params: Promise<{ orgSlug: string; leadId: string }> }) {
  const { orgSlug, leadId } = await params;
  if (!isUuid(leadId)) notFound();
  const api = await serverApi(orgSlug);
  const [org, lead, members, pipelines] = await Promise.all([
    orNotFound(api.organizations.current()), orNotFound(api.leads.get({ id: leadId })), orNotFound(api.members.list({})), orNotFound(api.pipelines.list()),
  ]);
  if (!org.permissions.includes("leads:write") || !org.permissions.includes("opportunities:write")) notFound();
  return (
    <div className="max-w-3xl">
      <nav aria-label="Breadcrumb" className="mb-2 text-sm"><Link href={`/${orgSlug}/leads/${lead.id}`} className="text-brand-700 hover:underline">{lead.company.name}</Link></nav>
      <PageHeader title="Convert to a deal" description={`Creates a deal for ${lead.company.name}${lead.contact ? ` with ${lead.contact.fullName}` : ""} and marks the lead converted.`} />
      {lead.status === "converted" ? (
        <p className="card p-5 text-sm">This lead has already been converted.</p>
      ) : (
        <ConvertLeadForm orgSlug={orgSlug} leadId={lead.id} companyName={lead.company.name} pipelines={pipelines}
          members={members.map((m) => ({ id: m.user.id, name: m.user.fullName }))} defaultOwnerId={lead.assignedTo ?? ""} />
      )}
    </div>
  );
}

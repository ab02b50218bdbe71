import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { LeadForm } from "@/features/leads/components/lead-form";
import { EMPTY_LEAD } from "@/features/leads/components/lead-form-values";
import { orNotFound, serverApi } from "@/trpc/server";

export const metadata: Metadata = { title: "New lead" };

export default async function NewLeadPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  const api = await serverApi(orgSlug);
  const [org, members, contacts] = await Promise.all([
    orNotFound(api.organizations.current()), orNotFound(api.members.list({})), orNotFound(api.contacts.list({ pageSize: 100, sort: "fullName" })),
  ]);
  if (!org.permissions.includes("leads:write")) notFound();
  return (
    <div className="max-w-3xl">
      <PageHeader title="New lead" />
      <LeadForm orgSlug={orgSlug} initial={EMPTY_LEAD} members={members.map((m) => ({ id: m.user.id, name: m.user.fullName }))}
        contacts={contacts.items.map((c) => ({ id: c.id, name: c.fullName }))} />
    </div>
  );
}

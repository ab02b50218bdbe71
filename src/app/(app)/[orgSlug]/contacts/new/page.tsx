import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { ContactForm } from "@/features/contacts/components/contact-form";
import { EMPTY_CONTACT } from "@/features/contacts/components/contact-form-values";
import { orNotFound, serverApi } from "@/trpc/server";

export const metadata: Metadata = { title: "New contact" };

export default async function NewContactPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  const api = await serverApi(orgSlug);
  const [org, members] = await Promise.all([orNotFound(api.organizations.current()), orNotFound(api.members.list({}))]);
  if (!org.permissions.includes("contacts:write")) notFound();
  return (
    <div className="max-w-3xl">
      <PageHeader title="New contact" />
      <ContactForm orgSlug={orgSlug} initial={EMPTY_CONTACT} members={members.map((m) => ({ id: m.user.id, name: m.user.fullName }))} />
    </div>
  );
}

import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { ContactForm } from "@/features/contacts/components/contact-form";
import { contactToFormValues } from "@/features/contacts/components/contact-form-values";
import { isUuid } from "@/lib/ids";
import { orNotFound, serverApi } from "@/trpc/server";

export const metadata: Metadata = { title: "Edit contact" };

export default async function EditContactPage({ params }: { params: Promise<{ orgSlug: string; contactId: string }> }) {
  const { orgSlug, contactId } = await params;
  if (!isUuid(contactId)) notFound();
  const api = await serverApi(orgSlug);
  const [org, contact, members] = await Promise.all([
    orNotFound(api.organizations.current()), orNotFound(api.contacts.get({ id: contactId })), orNotFound(api.members.list({})),
  ]);
  if (!org.permissions.includes("contacts:write")) notFound();
  return (
    <div className="max-w-3xl">
      <PageHeader title={`Edit ${contact.fullName}`} />
      <ContactForm orgSlug={orgSlug} contactId={contact.id} initial={contactToFormValues(contact)} members={members.map((m) => ({ id: m.user.id, name: m.user.fullName }))} />
    </div>
  );
}

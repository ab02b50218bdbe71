import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { EMPTY_TEMPLATE, TemplateForm } from "@/features/proposals/components/proposal-settings-forms";
import { orNotFound, serverApi } from "@/trpc/server";

export const metadata: Metadata = { title: "New proposal template" };

export default async function NewTemplatePage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  const org = await orNotFound((await serverApi(orgSlug)).organizations.current());
  if (!org.permissions.includes("proposals:admin")) notFound();
  return (
    <div className="max-w-3xl">
      <PageHeader title="New proposal template" />
      <TemplateForm orgSlug={orgSlug} initial={EMPTY_TEMPLATE} />
    </div>
  );
}

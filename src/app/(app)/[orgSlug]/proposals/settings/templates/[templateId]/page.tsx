import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { TemplateForm } from "@/features/proposals/components/proposal-settings-forms";
import { isUuid } from "@/lib/ids";
import { orNotFound, serverApi } from "@/trpc/server";

export const metadata: Metadata = { title: "Proposal template" };

export default async function TemplatePage({ params }: { params: Promise<{ orgSlug: string; templateId: string }> }) {
  const { orgSlug, templateId } = await params;
  if (!isUuid(templateId)) notFound();
  const api = await serverApi(orgSlug);
  const [org, t] = await Promise.all([orNotFound(api.organizations.current()), orNotFound(api.proposalTemplates.get({ id: templateId }))]);
  if (!org.permissions.includes("proposals:admin")) notFound();
  return (
    <div className="max-w-3xl">
      <PageHeader title={t.name} />
      <TemplateForm orgSlug={orgSlug} id={t.id} initial={{
        name: t.name, description: t.description ?? "", validForDays: String(t.validForDays), executiveSummary: t.executiveSummary ?? "",
        scopeOfWork: t.scopeOfWork ?? "", termsAndConditions: t.termsAndConditions ?? "", customSections: t.customSections,
      }} />
    </div>
  );
}

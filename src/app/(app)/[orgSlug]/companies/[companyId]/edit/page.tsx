import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { CompanyForm } from "@/features/companies/components/company-form";
import { companyToFormValues } from "@/features/companies/components/company-form-values";
import { isUuid } from "@/lib/ids";
import { orNotFound, serverApi } from "@/trpc/server";

export const metadata: Metadata = { title: "Edit company" };

export default async function EditCompanyPage({ params }: { params: Promise<{ orgSlug: string; companyId: string }> }) {
  const { orgSlug, companyId } = await params;
  if (!isUuid(companyId)) notFound();
  const api = await serverApi(orgSlug);
  const [org, company, members] = await Promise.all([
    orNotFound(api.organizations.current()), orNotFound(api.companies.get({ id: companyId })), orNotFound(api.members.list({})),
  ]);
  if (!org.permissions.includes("companies:write")) notFound();
  return (
    <div className="max-w-4xl">
      <PageHeader title={`Edit ${company.name}`} />
      <CompanyForm orgSlug={orgSlug} companyId={company.id} initial={companyToFormValues(company)} members={members.map((m) => ({ id: m.user.id, name: m.user.fullName }))} />
    </div>
  );
}

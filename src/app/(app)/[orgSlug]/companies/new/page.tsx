import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { CompanyForm } from "@/features/companies/components/company-form";
import { EMPTY_COMPANY } from "@/features/companies/components/company-form-values";
import { orNotFound, serverApi } from "@/trpc/server";

export const metadata: Metadata = { title: "New company" };

export default async function NewCompanyPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  const api = await serverApi(orgSlug);
  const [org, members] = await Promise.all([orNotFound(api.organizations.current()), orNotFound(api.members.list({}))]);
  if (!org.permissions.includes("companies:write")) notFound();
  return (
    <div className="max-w-4xl">
      <PageHeader title="New company" />
      <CompanyForm orgSlug={orgSlug} initial={EMPTY_COMPANY} members={members.map((m) => ({ id: m.user.id, name: m.user.fullName }))} />
    </div>
  );
}

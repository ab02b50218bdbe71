import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { ImportWizard } from "@/features/imports/components/import-wizard";
import { isUuid } from "@/lib/ids";
import { orNotFound, serverApi } from "@/trpc/server";

export const metadata: Metadata = { title: "Import" };

export default async function ImportPage({ params }: { params: Promise<{ orgSlug: string; importId: string }> }) {
  const { orgSlug, importId } = await params;
  if (!isUuid(importId)) notFound();
  const api = await serverApi(orgSlug);
  const imp = await orNotFound(api.imports.get({ id: importId }));
  return (
    <div className="max-w-4xl">
      <nav aria-label="Breadcrumb" className="mb-2 text-sm"><Link href={`/${orgSlug}/imports`} className="text-brand-700 hover:underline">Imports</Link></nav>
      <PageHeader title={imp.fileName} description={`${imp.totalRows.toLocaleString()} rows of ${imp.resource}`} />
      <ImportWizard orgSlug={orgSlug} initial={imp} />
    </div>
  );
}

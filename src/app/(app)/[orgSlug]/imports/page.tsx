import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { type RawSearchParams, plainParams } from "@/components/list/search-params";
import { PageHeader } from "@/components/ui/page-header";
import { UploadForm } from "@/features/imports/components/upload-form";
import { IMPORT_RESOURCES, type ImportResource } from "@/features/imports/import-fields";
import { formatDateTime } from "@/lib/dates";
import { humanize } from "@/lib/labels";
import { orNotFound, serverApi } from "@/trpc/server";

export const metadata: Metadata = { title: "Import" };

export default async function ImportsPage({ params, searchParams }: { params: Promise<{ orgSlug: string }>; searchParams: Promise<RawSearchParams> }) {
  const { orgSlug } = await params;
  const { resource } = plainParams(await searchParams);
  const api = await serverApi(orgSlug);
  const [org, imports] = await Promise.all([orNotFound(api.organizations.current()), orNotFound(api.imports.list())]);
  const allowed = IMPORT_RESOURCES.filter((r) => org.permissions.includes(`${r}:write`));
  if (!allowed.length) notFound();
  const initial = (IMPORT_RESOURCES as readonly string[]).includes(resource ?? "") ? (resource as ImportResource) : "leads";
  return (
    <div className="max-w-4xl space-y-6">
      <PageHeader title="Import from CSV" description="Bring in leads, companies or contacts from a spreadsheet or another CRM. Every import can be undone." />
      <UploadForm orgSlug={orgSlug} initialResource={initial} allowed={allowed} />
      <section aria-labelledby="history" className="card p-5">
        <h2 id="history" className="mb-3 font-semibold">Recent imports</h2>
        {imports.length === 0 ? <p className="text-sm text-slate-500">No imports yet.</p> : (
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Recent imports</caption>
            <thead className="text-xs uppercase tracking-wide text-slate-500">
              <tr><th scope="col" className="py-2 pr-3">File</th><th scope="col" className="py-2 pr-3">Status</th><th scope="col" className="py-2 pr-3">Rows</th><th scope="col" className="hidden py-2 pr-3 sm:table-cell">Created / updated / rejected</th><th scope="col" className="hidden py-2 md:table-cell">When</th></tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {imports.map((i) => (
                <tr key={i.id}>
                  <td className="py-2 pr-3"><Link href={`/${orgSlug}/imports/${i.id}`} className="font-medium text-brand-700 hover:underline">{i.fileName}</Link><div className="text-xs text-slate-500">{humanize(i.resource)}{i.creator ? ` · ${i.creator.fullName}` : ""}</div></td>
                  <td className="py-2 pr-3">{humanize(i.status)}</td>
                  <td className="py-2 pr-3 tabular-nums">{i.processedRows.toLocaleString()} / {i.totalRows.toLocaleString()}</td>
                  <td className="hidden py-2 pr-3 tabular-nums sm:table-cell">{i.createdCount} / {i.updatedCount} / {i.rejectedCount}</td>
                  <td className="hidden py-2 md:table-cell">{formatDateTime(i.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { FilterSelect } from "@/components/list/filter-select";
import { type RawSearchParams, listHref, plainParams } from "@/components/list/search-params";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { listAuditLogSchema } from "@/features/audit/audit.schema";
import { AuditEntryChanges } from "@/features/audit/components/audit-entry-changes";
import { formatDateTime } from "@/lib/dates";
import { orNotFound, serverApi } from "@/trpc/server";
import { ListTable } from "@/components/list/list-table";

export const metadata: Metadata = { title: "Audit log" };

const label = (s: string) => s.replace(/_/g, " ");

export default async function AuditLogPage({ params, searchParams }: { params: Promise<{ orgSlug: string }>; searchParams: Promise<RawSearchParams> }) {
  const { orgSlug } = await params;
  const raw = plainParams(await searchParams);
  const parsed = listAuditLogSchema.safeParse(raw);
  const query = parsed.success ? parsed.data : listAuditLogSchema.parse({});
  const api = await serverApi(orgSlug);
  const [page, facets, members] = await Promise.all([
    orNotFound(api.audit.list(query)), orNotFound(api.audit.facets()), orNotFound(api.members.list({})),
  ]);
  const filtered = Boolean(query.userId || query.action || query.resourceType || query.from || query.to);
  const href = (changes: Record<string, string | undefined>) => listHref(`/${orgSlug}/audit-log`, raw, changes);
  const families = [...new Set(facets.actions.map((a) => a.split(".")[0]!))];
  const actionOptions = [
    ...families.map((f) => ({ value: f, label: `${label(f)} (all)` })),
    ...facets.actions.map((a) => ({ value: a, label: a })),
  ].sort((a, b) => a.value.localeCompare(b.value));

  return (
    <div>
      <PageHeader title="Audit log" description="Every change in this organization: who, what, when and from where."
        actions={<a href={listHref("/api/export/audit-log", raw, { org: orgSlug, cursor: undefined })} className="btn-secondary">Export CSV</a>} />
      <form role="search" aria-label="Filter the audit log" className="card mb-4 flex flex-wrap items-end gap-3 p-4" action={`/${orgSlug}/audit-log`}>
        <FilterSelect name="userId" label="Who" value={query.userId} anyLabel="Anyone"
          options={members.map((m) => ({ value: m.user.id, label: m.user.fullName }))} />
        <FilterSelect name="action" label="Action" value={query.action} options={actionOptions} />
        <FilterSelect name="resourceType" label="Resource" value={query.resourceType} options={facets.resourceTypes.map((r) => ({ value: r, label: label(r) }))} />
        <div>
          <label htmlFor="from" className="mb-1 block text-sm font-medium text-slate-700">From</label>
          <input id="from" name="from" type="date" defaultValue={query.from ?? ""} className="input" />
        </div>
        <div>
          <label htmlFor="to" className="mb-1 block text-sm font-medium text-slate-700">To</label>
          <input id="to" name="to" type="date" defaultValue={query.to ?? ""} className="input" aria-describedby={parsed.success ? undefined : "filter-error"} />
        </div>
        <button type="submit" className="btn-primary">Apply</button>
        {filtered ? <Link href={`/${orgSlug}/audit-log`} className="btn-secondary">Clear</Link> : null}
        {parsed.success ? null : <p id="filter-error" role="alert" className="w-full text-sm text-red-700">{parsed.error.issues[0]!.message}; showing everything instead.</p>}
      </form>
      {page.items.length === 0 ? (
        <EmptyState title={filtered || query.cursor ? "No entries match" : "Nothing has changed yet"}>
          {filtered ? <p>Try fewer filters or a wider date range.</p> : null}
        </EmptyState>
      ) : (
        <>
          <ListTable caption="Changes, newest first" head={<>
            <th scope="col" className="px-4 py-3">When</th>
            <th scope="col" className="px-4 py-3">Who</th>
            <th scope="col" className="px-4 py-3">Action</th>
            <th scope="col" className="px-4 py-3">Changes</th>
            <th scope="col" className="hidden px-4 py-3 lg:table-cell">From</th>
          </>}>
            {page.items.map((entry) => (
              <tr key={entry.id} className="align-top">
                <td className="whitespace-nowrap px-4 py-3">{formatDateTime(entry.createdAt)}</td>
                <td className="px-4 py-3">{entry.user?.fullName ?? "System"}</td>
                <td className="px-4 py-3">
                  <code className="rounded bg-slate-100 px-1">{entry.action}</code>
                  <div className="text-xs text-slate-500">{label(entry.resourceType)}{entry.resourceId ? ` ${entry.resourceId.slice(0, 8)}` : ""}</div>
                </td>
                <td className="px-4 py-3"><AuditEntryChanges oldValues={entry.oldValues} newValues={entry.newValues} details={entry.details} /></td>
                <td className="hidden px-4 py-3 text-xs text-slate-600 lg:table-cell">{entry.ipAddress ?? "—"}</td>
              </tr>
            ))}
          </ListTable>
          <nav aria-label="Audit log pages" className="mt-4 flex gap-2">
            {query.cursor ? <Link href={href({ cursor: undefined })} className="btn-secondary">Newest</Link> : null}
            {page.nextCursor ? <Link href={href({ cursor: page.nextCursor })} className="btn-secondary">Older entries</Link> : null}
          </nav>
        </>
      )}
    </div>
  );
}

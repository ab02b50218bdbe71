import type { Metadata } from "next";
import Link from "next/link";
import { Pagination } from "@/components/list/pagination";
import { type RawSearchParams, listHref, plainParams } from "@/components/list/search-params";
import { FilterSelect } from "@/components/list/filter-select";
import { SortHeader } from "@/components/list/sort-header";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { ScoreBadge } from "@/features/leads/components/score-badge";
import { LEAD_SOURCES, LEAD_STATUSES, NURTURE_STATUSES, listLeadsSchema } from "@/features/leads/leads.schema";
import { SavedViewsBar } from "@/features/saved-views/components/saved-views-bar";
import { formatRelative } from "@/lib/dates";
import { humanize } from "@/lib/labels";
import { orNotFound, serverApi } from "@/trpc/server";
import { ListTable } from "@/components/list/list-table";

export const metadata: Metadata = { title: "Leads" };

const COLUMNS = [
  { key: "companyName", label: "Lead" },
  { key: "leadScore", label: "Score" },
  { key: "status", label: "Status" },
  { key: "lastContactAt", label: "Last contact" },
] as const;

const NURTURE_STYLE: Record<string, string> = {
  new: "bg-slate-100 text-slate-700", hot: "bg-rose-100 text-rose-800", warm: "bg-amber-100 text-amber-800", cold: "bg-sky-100 text-sky-800",
};

export default async function LeadsPage({ params, searchParams }: { params: Promise<{ orgSlug: string }>; searchParams: Promise<RawSearchParams> }) {
  const { orgSlug } = await params;
  const raw = plainParams(await searchParams);
  const parsed = listLeadsSchema.safeParse(raw);
  const query = parsed.success ? parsed.data : listLeadsSchema.parse({});
  const api = await serverApi(orgSlug);
  const [page, org, views, members, tags] = await Promise.all([
    orNotFound(api.leads.list(query)), orNotFound(api.organizations.current()), orNotFound(api.savedViews.list({ resource: "leads" })),
    orNotFound(api.members.list({})), orNotFound(api.leads.tags()),
  ]);
  const canWrite = org.permissions.includes("leads:write");
  const filtered = Boolean(query.search || query.status || query.source || query.nurture || query.assignee || query.tag || query.minScore !== undefined);
  const href = (changes: Record<string, string | number | undefined>) => listHref(`/${orgSlug}/leads`, raw, changes);
  const exportHref = listHref("/api/export/leads", raw, { org: orgSlug, page: undefined });
  const opts = (values: readonly string[]) => values.map((v) => ({ value: v, label: humanize(v) }));

  return (
    <div>
      <PageHeader title="Leads" description={`${page.total} ${page.total === 1 ? "lead" : "leads"}${filtered ? " match these filters" : ""}`}
        actions={
          <div className="flex gap-2">
            <Link href={`/${orgSlug}/leads/scoring`} className="btn-secondary">Scoring</Link>
            <a href={exportHref} className="btn-secondary">Export CSV</a>
            {canWrite ? <Link href={`/${orgSlug}/imports?resource=leads`} className="btn-secondary">Import CSV</Link> : null}
            {canWrite ? <Link href={`/${orgSlug}/leads/new`} className="btn-primary">New lead</Link> : null}
          </div>
        } />
      <SavedViewsBar resource="leads" basePath={`/${orgSlug}/leads`} current={raw} views={views} />
      <form role="search" aria-label="Filter leads" className="card mb-4 flex flex-wrap items-end gap-3 p-4" action={`/${orgSlug}/leads`}>
        <div className="min-w-[12rem] flex-1">
          <label htmlFor="search" className="mb-1 block text-sm font-medium text-slate-700">Search</label>
          <input id="search" name="search" defaultValue={query.search ?? ""} placeholder="Company, domain or contact" className="input" />
        </div>
        <FilterSelect name="status" label="Status" value={query.status} options={opts(LEAD_STATUSES)} />
        <FilterSelect name="nurture" label="Nurture" value={query.nurture} options={opts(NURTURE_STATUSES)} />
        <FilterSelect name="source" label="Source" value={query.source} options={opts(LEAD_SOURCES)} />
        <FilterSelect name="assignee" label="Assigned to" value={query.assignee} options={[{ value: "me", label: "Me" }, { value: "none", label: "Nobody" }, ...members.map((m) => ({ value: m.user.id, label: m.user.fullName }))]} />
        {tags.length ? <FilterSelect name="tag" label="Tag" value={query.tag} options={tags.map((t) => ({ value: t.name, label: `${t.name} (${t._count.leads})` }))} /> : null}
        <div>
          <label htmlFor="minScore" className="mb-1 block text-sm font-medium text-slate-700">Min. score</label>
          <input id="minScore" name="minScore" type="number" min={0} max={100} defaultValue={query.minScore ?? ""} className="input w-24" />
        </div>
        <input type="hidden" name="sort" value={query.sort} />
        <input type="hidden" name="dir" value={query.dir} />
        <button type="submit" className="btn-primary">Apply</button>
        {filtered ? <Link href={`/${orgSlug}/leads`} className="btn-secondary">Clear</Link> : null}
      </form>

      {page.items.length === 0 ? (
        filtered ? (
          <EmptyState title="No leads match these filters"><p>Try a broader search, or clear the filters.</p></EmptyState>
        ) : (
          <EmptyState title="No leads yet" action={canWrite ? <Link href={`/${orgSlug}/leads/new`} className="btn-primary">Add your first lead</Link> : undefined}>
            <p>Leads are companies you are qualifying. Each gets a score that explains itself, and converts to a deal when it is ready.</p>
          </EmptyState>
        )
      ) : (
        <>
          <ListTable caption={<>Leads, sorted by {humanize(query.sort)} {query.dir === "asc" ? "ascending" : "descending"}</>} head={<>
            {COLUMNS.map((c) => <SortHeader key={c.key} label={c.label} column={c.key} sort={query.sort} dir={query.dir} href={href} />)}
            <th scope="col" className="px-4 py-3">Nurture</th>
            <th scope="col" className="hidden px-4 py-3 md:table-cell">Source</th>
            <th scope="col" className="hidden px-4 py-3 lg:table-cell">Assigned to</th>
          </>}>
            {page.items.map((l) => (
              <tr key={l.id} className="hover:bg-slate-50">
                <td className="px-4 py-3">
                  <Link href={`/${orgSlug}/leads/${l.id}`} className="font-medium text-brand-700 hover:underline">{l.company.name}</Link>
                  <div className="text-xs text-slate-500">
                    {[l.contact?.fullName, l.company.industry].filter(Boolean).join(" · ") || "\u00a0"}
                    {l.tags.map((t) => <span key={t.tag.name} className="ml-1 rounded bg-slate-100 px-1.5 text-slate-600">{t.tag.name}</span>)}
                  </div>
                </td>
                <td className="px-4 py-3"><ScoreBadge score={l.leadScore} /></td>
                <td className="px-4 py-3">{humanize(l.status)}</td>
                <td className="px-4 py-3 text-slate-600">{l.lastContactAt ? formatRelative(l.lastContactAt) : "Never"}{l.contactAttempts ? <span className="text-xs text-slate-400"> · {l.contactAttempts} tries</span> : null}</td>
                <td className="px-4 py-3"><span className={`rounded-full px-2 py-0.5 text-xs font-medium ${NURTURE_STYLE[l.nurtureStatus]}`}>{humanize(l.nurtureStatus)}</span></td>
                <td className="hidden px-4 py-3 md:table-cell">{humanize(l.source)}</td>
                <td className="hidden px-4 py-3 lg:table-cell">{l.assignee?.fullName ?? "—"}</td>
              </tr>
            ))}
          </ListTable>
          <Pagination page={page.page} pageSize={page.pageSize} total={page.total} pageCount={page.pageCount} href={href} />
        </>
      )}
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { FilterSelect } from "@/components/list/filter-select";
import { Pagination } from "@/components/list/pagination";
import { type RawSearchParams, listHref, plainParams } from "@/components/list/search-params";
import { SortHeader } from "@/components/list/sort-header";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { SavedViewsBar } from "@/features/saved-views/components/saved-views-bar";
import { COMPANY_LIFECYCLES, COMPANY_TIERS, listCompaniesSchema } from "@/features/companies/companies.schema";
import { formatDate } from "@/lib/dates";
import { humanize, optionsOf } from "@/lib/labels";
import { formatMoney } from "@/lib/money";
import { orNotFound, serverApi } from "@/trpc/server";
import { ListTable } from "@/components/list/list-table";

export const metadata: Metadata = { title: "Companies" };


const COLUMNS = [
  { key: "name", label: "Name" },
  { key: "lifecycle", label: "Lifecycle" },
  { key: "tier", label: "Tier" },
  { key: "annualRevenue", label: "Annual revenue" },
  { key: "updatedAt", label: "Updated" },
] as const;

const LIFECYCLE_STYLE: Record<string, string> = {
  prospect: "bg-amber-50 text-amber-800",
  customer: "bg-green-50 text-green-800",
  churned: "bg-slate-100 text-slate-600",
};

export default async function CompaniesPage({ params, searchParams }: { params: Promise<{ orgSlug: string }>; searchParams: Promise<RawSearchParams> }) {
  const { orgSlug } = await params;
  const raw = plainParams(await searchParams);
  // A hand-edited URL with a bad value falls back to the defaults instead of failing.
  const parsed = listCompaniesSchema.safeParse(raw);
  const query = parsed.success ? parsed.data : listCompaniesSchema.parse({});
  const api = await serverApi(orgSlug);
  const [page, org, views] = await Promise.all([orNotFound(api.companies.list(query)), orNotFound(api.organizations.current()), orNotFound(api.savedViews.list({ resource: "companies" }))]);
  const canWrite = org.permissions.includes("companies:write");
  const filtered = Boolean(query.search || query.lifecycle || query.tier || query.active);

  const href = (changes: Record<string, string | number | undefined>) => listHref(`/${orgSlug}/companies`, raw, changes);
  const exportHref = listHref("/api/export/companies", raw, { org: orgSlug, page: undefined });

  return (
    <div>
      <PageHeader title="Companies" description={`${page.total} ${page.total === 1 ? "company" : "companies"}${filtered ? " match these filters" : ""}`}
        actions={
          <div className="flex gap-2">
            <a href={exportHref} className="btn-secondary">Export CSV</a>
            {canWrite ? <Link href={`/${orgSlug}/imports?resource=companies`} className="btn-secondary">Import CSV</Link> : null}
            {canWrite ? <Link href={`/${orgSlug}/companies/new`} className="btn-primary">New company</Link> : null}
          </div>
        } />

      <SavedViewsBar resource="companies" basePath={`/${orgSlug}/companies`} current={raw} views={views} />
      <form role="search" aria-label="Filter companies" className="card mb-4 flex flex-wrap items-end gap-3 p-4" action={`/${orgSlug}/companies`}>
        <div className="min-w-[12rem] flex-1">
          <label htmlFor="search" className="mb-1 block text-sm font-medium text-slate-700">Search</label>
          <input id="search" name="search" defaultValue={query.search ?? ""} placeholder="Name, domain, email or city" className="input" />
        </div>
        <FilterSelect name="lifecycle" label="Lifecycle" value={query.lifecycle} options={optionsOf(COMPANY_LIFECYCLES)} />
        <FilterSelect name="tier" label="Tier" value={query.tier} options={optionsOf(COMPANY_TIERS)} />
        <FilterSelect name="active" label="Status" value={query.active} options={[{ value: "yes", label: "Active" }, { value: "no", label: "Inactive" }]} />
        <input type="hidden" name="sort" value={query.sort} />
        <input type="hidden" name="dir" value={query.dir} />
        <button type="submit" className="btn-primary">Apply</button>
        {filtered ? <Link href={`/${orgSlug}/companies`} className="btn-secondary">Clear</Link> : null}
      </form>

      {page.items.length === 0 ? (
        filtered ? (
          <EmptyState title="No companies match these filters"><p>Try a broader search, or clear the filters.</p></EmptyState>
        ) : (
          <EmptyState title="No companies yet" action={canWrite ? <Link href={`/${orgSlug}/companies/new`} className="btn-primary">Add your first company</Link> : undefined}>
            <p>Companies are the accounts you sell to: prospects, customers, and the ones that got away.</p>
          </EmptyState>
        )
      ) : (
        <>
          <ListTable caption={<>Companies, sorted by {humanize(query.sort)} {query.dir === "asc" ? "ascending" : "descending"}</>} head={<>
            {COLUMNS.map((c) => <SortHeader key={c.key} label={c.label} column={c.key} sort={query.sort} dir={query.dir} href={href} />)}
            <th scope="col" className="hidden px-4 py-3 lg:table-cell">Owner</th>
          </>}>
            {page.items.map((c) => (
              <tr key={c.id} className="hover:bg-slate-50">
                <td className="px-4 py-3">
                  <Link href={`/${orgSlug}/companies/${c.id}`} className="font-medium text-brand-700 hover:underline">{c.name}</Link>
                  <div className="text-xs text-slate-500">{[c.industry, c.city, c.country].filter(Boolean).join(" · ") || "\u00a0"}</div>
                </td>
                <td className="px-4 py-3"><span className={`rounded-full px-2 py-0.5 text-xs font-medium ${LIFECYCLE_STYLE[c.lifecycle]}`}>{humanize(c.lifecycle)}</span></td>
                <td className="px-4 py-3">{humanize(c.tier)}</td>
                <td className="px-4 py-3 tabular-nums">{formatMoney(c.annualRevenue, c.currency, true)}</td>
                <td className="px-4 py-3 text-slate-600">{formatDate(c.updatedAt)}</td>
                <td className="hidden px-4 py-3 lg:table-cell">{c.owner?.fullName ?? "—"}</td>
              </tr>
            ))}
          </ListTable>
          <Pagination page={page.page} pageSize={page.pageSize} total={page.total} pageCount={page.pageCount} href={href} />
        </>
      )}
    </div>
  );
}

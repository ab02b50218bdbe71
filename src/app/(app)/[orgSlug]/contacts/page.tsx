import type { Metadata } from "next";
import Link from "next/link";
import { Pagination } from "@/components/list/pagination";
import { FilterSelect } from "@/components/list/filter-select";
import { type RawSearchParams, listHref, plainParams } from "@/components/list/search-params";
import { SortHeader } from "@/components/list/sort-header";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { SavedViewsBar } from "@/features/saved-views/components/saved-views-bar";
import { CONTACT_TYPES, listContactsSchema } from "@/features/contacts/contacts.schema";
import { humanize, optionsOf } from "@/lib/labels";
import { orNotFound, serverApi } from "@/trpc/server";
import { ListTable } from "@/components/list/list-table";

export const metadata: Metadata = { title: "Contacts" };

export default async function ContactsPage({ params, searchParams }: { params: Promise<{ orgSlug: string }>; searchParams: Promise<RawSearchParams> }) {
  const { orgSlug } = await params;
  const raw = plainParams(await searchParams);
  const parsed = listContactsSchema.safeParse(raw);
  const query = parsed.success ? parsed.data : listContactsSchema.parse({});
  const api = await serverApi(orgSlug);
  const [page, org, views] = await Promise.all([orNotFound(api.contacts.list(query)), orNotFound(api.organizations.current()), orNotFound(api.savedViews.list({ resource: "contacts" }))]);
  const canWrite = org.permissions.includes("contacts:write");
  const filtered = Boolean(query.search || query.type || query.companyId);
  const href = (changes: Record<string, string | number | undefined>) => listHref(`/${orgSlug}/contacts`, raw, changes);
  const exportHref = listHref("/api/export/contacts", raw, { org: orgSlug, page: undefined });

  return (
    <div>
      <PageHeader title="Contacts" description={`${page.total} ${page.total === 1 ? "person" : "people"}${filtered ? " match these filters" : ""}`}
        actions={canWrite ? (
          <div className="flex gap-2">
            <a href={exportHref} className="btn-secondary">Export CSV</a>
            <Link href={`/${orgSlug}/imports?resource=contacts`} className="btn-secondary">Import CSV</Link>
            <Link href={`/${orgSlug}/contacts/new`} className="btn-primary">New contact</Link>
          </div>
        ) : <a href={exportHref} className="btn-secondary">Export CSV</a>} />
      <SavedViewsBar resource="contacts" basePath={`/${orgSlug}/contacts`} current={raw} views={views} />
      <form role="search" aria-label="Filter contacts" className="card mb-4 flex flex-wrap items-end gap-3 p-4" action={`/${orgSlug}/contacts`}>
        <div className="min-w-[12rem] flex-1">
          <label htmlFor="search" className="mb-1 block text-sm font-medium text-slate-700">Search</label>
          <input id="search" name="search" defaultValue={query.search ?? ""} placeholder="Name, email, phone or title" className="input" />
        </div>
        <FilterSelect name="type" label="Type" value={query.type} options={optionsOf(CONTACT_TYPES)} />
        {query.companyId ? <input type="hidden" name="companyId" value={query.companyId} /> : null}
        <button type="submit" className="btn-primary">Apply</button>
        {filtered ? <Link href={`/${orgSlug}/contacts`} className="btn-secondary">Clear</Link> : null}
      </form>
      {page.items.length === 0 ? (
        <EmptyState title={filtered ? "No contacts match these filters" : "No contacts yet"}
          action={!filtered && canWrite ? <Link href={`/${orgSlug}/contacts/new`} className="btn-primary">Add a contact</Link> : undefined}>
          <p>{filtered ? "Try a broader search, or clear the filters." : "Contacts are the people you talk to at your customers, vendors and partners."}</p>
        </EmptyState>
      ) : (
        <>
          <ListTable caption="Contacts" head={<>
            <SortHeader label="Name" column="fullName" sort={query.sort} dir={query.dir} href={href} />
            <SortHeader label="Email" column="email" sort={query.sort} dir={query.dir} href={href} />
            <th scope="col" className="px-4 py-3">Companies</th>
            <SortHeader label="Type" column="type" sort={query.sort} dir={query.dir} href={href} />
          </>}>
            {page.items.map((c) => (
              <tr key={c.id} className="hover:bg-slate-50">
                <td className="px-4 py-3">
                  <Link href={`/${orgSlug}/contacts/${c.id}`} className="font-medium text-brand-700 hover:underline">{c.fullName}</Link>
                  <div className="text-xs text-slate-500">{c.title ?? "\u00a0"}</div>
                </td>
                <td className="px-4 py-3">{c.email ?? "—"}</td>
                <td className="px-4 py-3">{c.companyLinks.map((l) => l.company.name).join(", ") || "—"}</td>
                <td className="px-4 py-3">{humanize(c.type)}</td>
              </tr>
            ))}
          </ListTable>
          <Pagination page={page.page} pageSize={page.pageSize} total={page.total} pageCount={page.pageCount} href={href} />
        </>
      )}
    </div>
  );
}

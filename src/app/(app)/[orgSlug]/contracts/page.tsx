import type { Metadata } from "next";
import Link from "next/link";
import { FilterSelect } from "@/components/list/filter-select";
import { ListTable } from "@/components/list/list-table";
import { Pagination } from "@/components/list/pagination";
import { type RawSearchParams, listHref, plainParams } from "@/components/list/search-params";
import { SortHeader } from "@/components/list/sort-header";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { ContractStatusBadge } from "@/features/contracts/components/status-badge";
import { CONTRACT_STATUSES, CONTRACT_STATUS_LABELS, CONTRACT_TYPES, CONTRACT_TYPE_LABELS, listContractsSchema } from "@/features/contracts/contracts.schema";
import { formatIsoDay } from "@/lib/dates";
import { humanize } from "@/lib/labels";
import { formatMoney } from "@/lib/money";
import { orNotFound, serverApi } from "@/trpc/server";

export const metadata: Metadata = { title: "Contracts" };

const day = (iso: string | null) => (iso ? formatIsoDay(iso) : "—");
const typeLabel = (t: string) => CONTRACT_TYPE_LABELS[t as keyof typeof CONTRACT_TYPE_LABELS] ?? humanize(t);

export default async function ContractsPage({ params, searchParams }: { params: Promise<{ orgSlug: string }>; searchParams: Promise<RawSearchParams> }) {
  const { orgSlug } = await params;
  const raw = plainParams(await searchParams);
  const parsed = listContractsSchema.safeParse(raw);
  const query = parsed.success ? parsed.data : listContractsSchema.parse({});
  const api = await serverApi(orgSlug);
  const [page, org, owners] = await Promise.all([orNotFound(api.contracts.list(query)), orNotFound(api.organizations.current()), orNotFound(api.contracts.owners())]);
  const can = (p: string) => org.permissions.includes(p);
  const href = (changes: Record<string, string | number | undefined>) => listHref(`/${orgSlug}/contracts`, raw, changes);
  const filtered = Boolean(query.search || query.status || query.type || query.ownerId || query.opportunityId || query.endingWithinDays);
  const dealName = query.opportunityId ? page.items[0]?.opportunity.name ?? "this deal" : null;
  const sortable = (label: string, column: string, className?: string) => (
    <SortHeader label={label} column={column} sort={query.sort} dir={query.dir} href={href} className={className} />
  );
  return (
    <div>
      <PageHeader title="Contracts" description={`${page.total} ${page.total === 1 ? "contract" : "contracts"}`}
        actions={can("contracts:write") ? <Link href={`/${orgSlug}/contracts/new`} className="btn-primary">New contract</Link> : null} />
      <form role="search" aria-label="Filter contracts" className="card mb-4 flex flex-wrap items-end gap-3 p-4" action={`/${orgSlug}/contracts`}>
        <div className="min-w-[12rem] flex-1">
          <label htmlFor="search" className="mb-1 block text-sm font-medium text-slate-700">Search</label>
          <input id="search" name="search" defaultValue={query.search ?? ""} placeholder="Title, number or client" className="input" />
        </div>
        <FilterSelect name="status" label="Status" value={query.status ?? undefined} options={CONTRACT_STATUSES.map((s) => ({ value: s, label: CONTRACT_STATUS_LABELS[s] }))} />
        <FilterSelect name="type" label="Type" value={query.type ?? undefined} options={CONTRACT_TYPES.map((t) => ({ value: t, label: CONTRACT_TYPE_LABELS[t] }))} />
        <FilterSelect name="ownerId" label="Owner" value={query.ownerId ?? undefined} options={owners.map((o) => ({ value: o.id, label: o.fullName }))} />
        <FilterSelect name="endingWithinDays" label="Ending" anyLabel="Any time" value={query.endingWithinDays ? String(query.endingWithinDays) : undefined}
          options={[30, 60, 90].map((d) => ({ value: String(d), label: `Within ${d} days` }))} />
        {query.opportunityId ? <input type="hidden" name="opportunityId" value={query.opportunityId} /> : null}
        <button type="submit" className="btn-primary">Apply</button>
        {filtered ? <Link href={`/${orgSlug}/contracts`} className="btn-secondary">Clear</Link> : null}
      </form>
      {query.endingWithinDays ? <p className="mb-3 text-sm text-slate-600">Active contracts ending in the next {query.endingWithinDays} days.</p> : null}
      {dealName ? (
        <p className="mb-3 text-sm">Deal: <span className="font-medium">{dealName}</span> · <Link href={href({ opportunityId: undefined, page: undefined })} className="text-brand-700 hover:underline">Show every deal</Link></p>
      ) : null}
      {page.items.length === 0 ? (
        <EmptyState title={filtered ? "No contracts match" : "No contracts yet"}
          action={!filtered && can("contracts:write") ? <Link href={`/${orgSlug}/proposals?status=accepted`} className="btn-primary">See accepted proposals</Link> : null}>
          <p>{filtered
            ? "Try other filters."
            : "A contract starts from an accepted proposal (choose Create contract on its page) or from a deal (New contract in its Contracts section). You send it for signature, the client signs online and someone with the right to countersign signs for you."}</p>
        </EmptyState>
      ) : (
        <>
          <ListTable caption="Contracts" head={<>
            {sortable("Number", "contractNumber", "hidden sm:table-cell")}
            {sortable("Title", "title")}
            <th scope="col" className="hidden px-4 py-3 md:table-cell">Client</th>
            <th scope="col" className="px-4 py-3">Status</th>
            <th scope="col" className="hidden px-4 py-3 lg:table-cell">Type</th>
            {sortable("Start", "startDate", "hidden md:table-cell")}
            {sortable("End", "endDate", "hidden sm:table-cell")}
            {sortable("Value", "totalValue")}
            <th scope="col" className="hidden px-4 py-3 md:table-cell">Owner</th>
          </>}>
            {page.items.map((c) => (
              <tr key={c.id}>
                <td className="hidden whitespace-nowrap px-4 py-3 tabular-nums sm:table-cell">{c.contractNumber}</td>
                <td className="min-w-[9rem] px-4 py-3">
                  <Link href={`/${orgSlug}/contracts/${c.id}`} className="font-medium text-brand-700 hover:underline">{c.title}</Link>
                  <span className="block text-xs tabular-nums text-slate-500 sm:hidden">{c.contractNumber}</span>
                </td>
                <td className="hidden px-4 py-3 md:table-cell">{c.opportunity.company ? <Link href={`/${orgSlug}/companies/${c.opportunity.company.id}`} className="hover:underline">{c.opportunity.company.name}</Link> : "—"}</td>
                <td className="px-4 py-3"><ContractStatusBadge status={c.status} /></td>
                <td className="hidden px-4 py-3 lg:table-cell">{typeLabel(c.type)}</td>
                <td className="hidden whitespace-nowrap px-4 py-3 md:table-cell">{day(c.startDate)}</td>
                <td className="hidden whitespace-nowrap px-4 py-3 sm:table-cell">{day(c.endDate)}</td>
                <td className="whitespace-nowrap px-4 py-3 tabular-nums">{formatMoney(c.totalValue, c.currency)}</td>
                <td className="hidden px-4 py-3 md:table-cell">{c.owner?.fullName ?? "—"}</td>
              </tr>
            ))}
          </ListTable>
          <Pagination page={page.page} pageSize={page.pageSize} total={page.total} pageCount={page.pageCount} href={href} />
        </>
      )}
    </div>
  );
}

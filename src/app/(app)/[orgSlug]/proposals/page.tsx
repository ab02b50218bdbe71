import type { Metadata } from "next";
import Link from "next/link";
import { FilterSelect } from "@/components/list/filter-select";
import { Pagination } from "@/components/list/pagination";
import { type RawSearchParams, listHref, plainParams } from "@/components/list/search-params";
import { SortHeader } from "@/components/list/sort-header";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { ProposalStatusBadge } from "@/features/proposals/components/status-badge";
import { PROPOSAL_STATUSES, PROPOSAL_STATUS_LABELS, listProposalsSchema } from "@/features/proposals/proposals.schema";
import { formatDate, formatIsoDay } from "@/lib/dates";
import { formatMoney } from "@/lib/money";
import { orNotFound, serverApi } from "@/trpc/server";
import { ListTable } from "@/components/list/list-table";

export const metadata: Metadata = { title: "Proposals" };

export default async function ProposalsPage({ params, searchParams }: { params: Promise<{ orgSlug: string }>; searchParams: Promise<RawSearchParams> }) {
  const { orgSlug } = await params;
  const raw = plainParams(await searchParams);
  const parsed = listProposalsSchema.safeParse(raw);
  const query = parsed.success ? parsed.data : listProposalsSchema.parse({});
  const api = await serverApi(orgSlug);
  const [page, org, owners] = await Promise.all([orNotFound(api.proposals.list(query)), orNotFound(api.organizations.current()), orNotFound(api.proposals.owners())]);
  const can = (p: string) => org.permissions.includes(p);
  const href = (changes: Record<string, string | number | undefined>) => listHref(`/${orgSlug}/proposals`, raw, changes);
  const filtered = Boolean(query.search || query.status || query.ownerId || query.opportunityId);
  const dealName = query.opportunityId ? page.items[0]?.opportunity.name ?? "this deal" : null;
  return (
    <div>
      <PageHeader title="Proposals" description={`${page.total} ${page.total === 1 ? "proposal" : "proposals"} (newest version of each)`}
        actions={
          <div className="flex flex-wrap gap-2">
            {can("proposals:admin") ? <Link href={`/${orgSlug}/approvals`} className="btn-secondary">Approvals</Link> : null}
            {can("proposals:read") ? <Link href={`/${orgSlug}/proposals/settings`} className="btn-secondary">Templates &amp; settings</Link> : null}
            {can("proposals:write") ? <Link href={`/${orgSlug}/proposals/new${query.opportunityId ? `?dealId=${query.opportunityId}` : ""}`} className="btn-primary">New proposal</Link> : null}
          </div>
        } />
      <form role="search" aria-label="Filter proposals" className="card mb-4 flex flex-wrap items-end gap-3 p-4" action={`/${orgSlug}/proposals`}>
        <div className="min-w-[12rem] flex-1">
          <label htmlFor="search" className="mb-1 block text-sm font-medium text-slate-700">Search</label>
          <input id="search" name="search" defaultValue={query.search ?? ""} placeholder="Title or number" className="input" />
        </div>
        <FilterSelect name="status" label="Status" value={query.status} options={PROPOSAL_STATUSES.map((s) => ({ value: s, label: PROPOSAL_STATUS_LABELS[s] }))} />
        <FilterSelect name="ownerId" label="Owner" value={query.ownerId ?? undefined} options={owners.map((o) => ({ value: o.id, label: o.fullName }))} />
        {query.opportunityId ? <input type="hidden" name="opportunityId" value={query.opportunityId} /> : null}
        <button type="submit" className="btn-primary">Apply</button>
      </form>
      {dealName ? (
        <p className="mb-3 text-sm">Deal: <span className="font-medium">{dealName}</span> · <Link href={href({ opportunityId: undefined, page: undefined })} className="text-brand-700 hover:underline">Show every deal</Link></p>
      ) : null}
      {page.items.length === 0 ? (
        <EmptyState title={filtered ? "No proposals match" : "No proposals yet"}
          action={!filtered && can("proposals:write") ? <Link href={`/${orgSlug}/pipeline`} className="btn-primary">Pick a deal to propose on</Link> : null}>
          <p>{filtered ? "Try other filters." : "Proposals are priced from your catalog and start from a deal: open one and choose New proposal."}</p>
        </EmptyState>
      ) : (
        <>
          <ListTable caption="Proposals" head={<>
            <SortHeader label="Number" column="proposalNumber" sort={query.sort} dir={query.dir} href={href} />
            <SortHeader label="Title" column="title" sort={query.sort} dir={query.dir} href={href} />
            <th scope="col" className="px-4 py-3">Deal</th>
            <th scope="col" className="px-4 py-3">Status</th>
            <SortHeader label="Total" column="totalAmount" sort={query.sort} dir={query.dir} href={href} />
            <SortHeader label="Valid until" column="validUntil" sort={query.sort} dir={query.dir} href={href} />
            <th scope="col" className="hidden px-4 py-3 md:table-cell">Owner</th>
            <SortHeader label="Created" column="createdAt" sort={query.sort} dir={query.dir} href={href} />
          </>}>
            {page.items.map((p) => (
              <tr key={p.id}>
                <td className="whitespace-nowrap px-4 py-3 tabular-nums">{p.proposalNumber}{p.version > 1 ? <span className="text-slate-500"> v{p.version}</span> : null}</td>
                <td className="px-4 py-3"><Link href={`/${orgSlug}/proposals/${p.id}`} className="font-medium text-brand-700 hover:underline">{p.title}</Link></td>
                <td className="px-4 py-3"><Link href={`/${orgSlug}/deals/${p.opportunity.id}`} className="hover:underline">{p.opportunity.name}</Link></td>
                <td className="px-4 py-3"><ProposalStatusBadge status={p.status} /></td>
                <td className="px-4 py-3 tabular-nums">{formatMoney(p.totalAmount, p.currency)}</td>
                <td className="px-4 py-3">{p.validUntil ? formatIsoDay(p.validUntil) : "—"}</td>
                <td className="hidden px-4 py-3 md:table-cell">{p.creator?.fullName ?? "—"}</td>
                <td className="px-4 py-3 text-slate-600">{formatDate(p.createdAt)}</td>
              </tr>
            ))}
          </ListTable>
          <Pagination page={page.page} pageSize={page.pageSize} total={page.total} pageCount={page.pageCount} href={href} />
        </>
      )}
    </div>
  );
}

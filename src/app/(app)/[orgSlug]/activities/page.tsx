import type { Metadata } from "next";
import Link from "next/link";
import { FilterSelect } from "@/components/list/filter-select";
import { Pagination } from "@/components/list/pagination";
import { type RawSearchParams, listHref, plainParams } from "@/components/list/search-params";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { InteractionTable } from "@/features/interactions/components/interaction-table";
import {
  INTERACTION_DIRECTIONS, INTERACTION_SENTIMENTS, INTERACTION_STATES, INTERACTION_STATE_LABELS, INTERACTION_TYPES, INTERACTION_TYPE_LABELS, browseInteractionsSchema,
} from "@/features/interactions/interactions.schema";
import { SavedViewsBar } from "@/features/saved-views/components/saved-views-bar";
import { optionsOf } from "@/lib/labels";
import { orNotFound, serverApi } from "@/trpc/server";

export const metadata: Metadata = { title: "Activities" };

const TYPE_OPTIONS = INTERACTION_TYPES.map((t) => ({ value: t, label: INTERACTION_TYPE_LABELS[t] }));
const STATE_OPTIONS = INTERACTION_STATES.map((s) => ({ value: s, label: INTERACTION_STATE_LABELS[s] }));
const FILTERS = ["search", "type", "direction", "status", "initiatedBy", "sentiment", "from", "to"] as const;

export default async function ActivitiesPage({ params, searchParams }: { params: Promise<{ orgSlug: string }>; searchParams: Promise<RawSearchParams> }) {
  const { orgSlug } = await params;
  const raw = plainParams(await searchParams);
  const parsed = browseInteractionsSchema.safeParse(raw);
  // A filter that does not parse (a hand-edited URL, an old saved view) shows everything and says why.
  const query = parsed.success ? parsed.data : browseInteractionsSchema.parse({});
  const api = await serverApi(orgSlug);
  const [page, org, views, members] = await Promise.all([
    orNotFound(api.interactions.browse(query)), orNotFound(api.organizations.current()),
    orNotFound(api.savedViews.list({ resource: "interactions" })), orNotFound(api.members.list({})),
  ]);
  const filtered = FILTERS.some((f) => query[f] !== undefined);
  const href = (changes: Record<string, string | number | undefined>) => listHref(`/${orgSlug}/activities`, raw, changes);
  const exportHref = listHref("/api/export/interactions", raw, { org: orgSlug, page: undefined });
  const noun = page.total === 1 ? "activity" : "activities";

  return (
    <div>
      <PageHeader title="Activities" description={`${page.total} ${noun}${filtered ? (page.total === 1 ? " matches these filters" : " match these filters") : ""}`}
        actions={<a href={exportHref} className="btn-secondary">Export CSV</a>} />
      <SavedViewsBar resource="interactions" basePath={`/${orgSlug}/activities`} current={raw} views={views} />
      {parsed.success ? null : (
        <p role="alert" className="mb-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-800">
          Some filters could not be used ({parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}), so everything is shown.
        </p>
      )}
      <form role="search" aria-label="Filter activities" className="card mb-4 flex flex-wrap items-end gap-3 p-4" action={`/${orgSlug}/activities`}>
        <div className="min-w-[12rem] flex-1">
          <label htmlFor="search" className="mb-1 block text-sm font-medium text-slate-700">Search</label>
          <input id="search" name="search" defaultValue={query.search ?? ""} placeholder="Subject or summary" className="input" />
        </div>
        <FilterSelect name="type" label="Type" value={query.type} options={TYPE_OPTIONS} />
        <FilterSelect name="direction" label="Direction" value={query.direction} options={optionsOf(INTERACTION_DIRECTIONS)} />
        <FilterSelect name="status" label="Status" value={query.status} options={STATE_OPTIONS} />
        <FilterSelect name="initiatedBy" label="Logged by" value={query.initiatedBy} anyLabel="Anyone"
          options={[{ value: "me", label: "Me" }, ...members.map((m) => ({ value: m.user.id, label: m.user.fullName }))]} />
        <FilterSelect name="sentiment" label="Sentiment" value={query.sentiment} options={optionsOf(INTERACTION_SENTIMENTS)} />
        <div>
          <label htmlFor="from" className="mb-1 block text-sm font-medium text-slate-700">From</label>
          <input id="from" name="from" type="date" defaultValue={query.from ?? ""} className="input" />
        </div>
        <div>
          <label htmlFor="to" className="mb-1 block text-sm font-medium text-slate-700">To</label>
          <input id="to" name="to" type="date" defaultValue={query.to ?? ""} className="input" />
        </div>
        <input type="hidden" name="sort" value={query.sort} />
        <input type="hidden" name="dir" value={query.dir} />
        <button type="submit" className="btn-primary">Apply</button>
        {filtered ? <Link href={`/${orgSlug}/activities`} className="btn-secondary">Clear</Link> : null}
      </form>

      {page.total > 0 && page.items.length === 0 ? (
        <EmptyState title="This page is past the end of the list" action={<Link href={href({ page: 1 })} className="btn-secondary">Go to the first page</Link>}>
          <p>{page.total} {noun} fit on {page.pageCount} {page.pageCount === 1 ? "page" : "pages"}.</p>
        </EmptyState>
      ) : page.items.length === 0 ? (
        filtered ? (
          <EmptyState title="No activities match these filters" action={<Link href={`/${orgSlug}/activities`} className="btn-secondary">Clear filters</Link>}>
            <p>Try another type or person, a wider date range, or fewer words.</p>
          </EmptyState>
        ) : (
          <EmptyState title="No activities yet" action={org.permissions.includes("leads:read") ? <Link href={`/${orgSlug}/leads`} className="btn-primary">Go to leads</Link> : undefined}>
            <p>Calls, emails, meetings, notes and SMS you log on any lead, contact, company or deal gather here, newest first, with who logged them and how they went.</p>
          </EmptyState>
        )
      ) : (
        <>
          <InteractionTable orgSlug={orgSlug} rows={page.items} sort={query.sort} dir={query.dir} href={href} />
          <Pagination page={page.page} pageSize={page.pageSize} total={page.total} pageCount={page.pageCount} href={href} />
        </>
      )}
    </div>
  );
}

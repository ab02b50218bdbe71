import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { type RawSearchParams, listHref, plainParams } from "@/components/list/search-params";
import { PageHeader } from "@/components/ui/page-header";
import { Board } from "@/features/opportunities/components/board";
import { formatDate } from "@/lib/dates";
import { isUuid } from "@/lib/ids";
import { formatMoney } from "@/lib/money";
import { orNotFound, serverApi } from "@/trpc/server";

export const metadata: Metadata = { title: "Pipeline" };

export default async function PipelineBoardPage({ params, searchParams }: { params: Promise<{ orgSlug: string; pipelineId: string }>; searchParams: Promise<RawSearchParams> }) {
  const { orgSlug, pipelineId } = await params;
  if (!isUuid(pipelineId)) notFound();
  const raw = plainParams(await searchParams);
  const filters = {
    ownerId: raw.owner && isUuid(raw.owner) ? raw.owner : undefined,
    closeFrom: /^\d{4}-\d{2}-\d{2}$/.test(raw.from ?? "") ? raw.from : undefined,
    closeTo: /^\d{4}-\d{2}-\d{2}$/.test(raw.to ?? "") ? raw.to : undefined,
  };
  const table = raw.view === "table";
  const api = await serverApi(orgSlug);
  const [pipelines, board, members, org] = await Promise.all([
    orNotFound(api.pipelines.list()),
    orNotFound(api.pipelines.board({ pipelineId, ...filters, perStage: table ? 200 : 50 })),
    orNotFound(api.members.list({})),
    orNotFound(api.organizations.current()),
  ]);
  const base = `/${orgSlug}/pipeline/${pipelineId}`;
  const open = board.stages.filter((s) => !s.isWon && !s.isLost);
  const canWrite = org.permissions.includes("opportunities:write");
  const canAdmin = org.permissions.includes("pipelines:admin");

  return (
    <div>
      <PageHeader title={board.pipeline.name}
        description={`${board.open.count} open deals · ${formatMoney(board.open.value, "USD", true)} in pipeline · ${formatMoney(board.open.weighted, "USD", true)} weighted`}
        actions={canWrite || canAdmin ? (
          <div className="flex flex-wrap gap-2">
            {canAdmin ? <Link href={`/${orgSlug}/pipeline/settings?pipeline=${pipelineId}`} className="btn-secondary">Edit pipelines</Link> : null}
            {canWrite ? <Link href={`${base}/new`} className="btn-primary">New deal</Link> : null}
          </div>
        ) : undefined} />
      {pipelines.length > 1 ? (
        <nav aria-label="Pipelines" className="mb-4 flex gap-2">
          {pipelines.map((p) => (
            <Link key={p.id} href={`/${orgSlug}/pipeline/${p.id}`} aria-current={p.id === pipelineId ? "page" : undefined}
              className={`rounded-full px-3 py-1 text-sm ${p.id === pipelineId ? "bg-brand-600 text-white" : "border border-slate-300 bg-white hover:bg-slate-50"}`}>{p.name}</Link>
          ))}
        </nav>
      ) : null}
      <form aria-label="Filter deals" className="card mb-4 flex flex-wrap items-end gap-3 p-4" action={base}>
        <div>
          <label htmlFor="owner" className="mb-1 block text-sm font-medium text-slate-700">Owner</label>
          <select id="owner" name="owner" defaultValue={filters.ownerId ?? ""} className="input">
            <option value="">Everyone</option>
            {members.map((m) => <option key={m.user.id} value={m.user.id}>{m.user.fullName}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="from" className="mb-1 block text-sm font-medium text-slate-700">Closing from</label>
          <input id="from" name="from" type="date" defaultValue={filters.closeFrom ?? ""} className="input" />
        </div>
        <div>
          <label htmlFor="to" className="mb-1 block text-sm font-medium text-slate-700">to</label>
          <input id="to" name="to" type="date" defaultValue={filters.closeTo ?? ""} className="input" />
        </div>
        {table ? <input type="hidden" name="view" value="table" /> : null}
        <button type="submit" className="btn-primary">Apply</button>
        <div className="ml-auto flex rounded-md border border-slate-300 bg-white text-sm" role="group" aria-label="View">
          <Link href={listHref(base, raw, { view: undefined })} aria-current={!table ? "page" : undefined} className={`px-3 py-2 ${!table ? "bg-slate-100 font-medium" : ""}`}>Board</Link>
          <Link href={listHref(base, raw, { view: "table" })} aria-current={table ? "page" : undefined} className={`px-3 py-2 ${table ? "bg-slate-100 font-medium" : ""}`}>Table</Link>
        </div>
      </form>
      {table ? (
        <div className="card overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Open deals by stage</caption>
            <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
              <tr><th scope="col" className="px-4 py-3">Deal</th><th scope="col" className="px-4 py-3">Stage</th><th scope="col" className="px-4 py-3">Value</th><th scope="col" className="px-4 py-3">Expected close</th><th scope="col" className="px-4 py-3">Owner</th></tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {open.flatMap((s) => s.cards.map((c) => (
                <tr key={c.id}>
                  <td className="px-4 py-3"><Link href={`/${orgSlug}/deals/${c.id}`} className="font-medium text-brand-700 hover:underline">{c.name}</Link><div className="text-xs text-slate-500">{c.company_name ?? "\u00a0"}</div></td>
                  <td className="px-4 py-3">{s.name}</td>
                  <td className="px-4 py-3 tabular-nums">{formatMoney(c.value, c.currency)}</td>
                  <td className="px-4 py-3">{c.expected_close_date ? formatDate(new Date(c.expected_close_date)) : "—"}</td>
                  <td className="px-4 py-3">{c.owner_name ?? "—"}</td>
                </tr>
              )))}
            </tbody>
          </table>
        </div>
      ) : (
        <Board orgSlug={orgSlug} initial={board.stages} />
      )}
    </div>
  );
}

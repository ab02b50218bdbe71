"use client";

import { useState } from "react";
import { useHydrated } from "@/components/use-hydrated";
import { api } from "@/trpc/react";

const bytes = (n: number) => (n > 1_048_576 ? `${(n / 1_048_576).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

/** Ask for a zip of everything, watch it being made, download it while it is kept. */
export function OrganizationExports({ orgSlug }: { orgSlug: string }) {
  const hydrated = useHydrated();
  const utils = api.useUtils();
  const list = api.organizations.exports.useQuery(undefined, {
    // Poll only while something is being made.
    refetchInterval: (query) => (query.state.data?.some((e) => e.status === "queued" || e.status === "running") ? 1000 : false),
  });
  const request = api.organizations.requestExport.useMutation({ onSuccess: () => utils.organizations.exports.invalidate() });
  const [error, setError] = useState<string | null>(null);
  const busy = list.data?.some((e) => e.status === "queued" || e.status === "running") ?? false;

  return (
    <section aria-labelledby="export-heading" className="card space-y-4 p-5">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id="export-heading" className="font-semibold">Export all data</h2>
          <p className="text-sm text-slate-600">A zip with one CSV per table (companies, contacts, leads, deals, tasks, the audit log…) and organization.json. Kept for 7 days.</p>
        </div>
        <button type="button" className="btn-secondary" disabled={!hydrated || busy || request.isPending}
          onClick={async () => { setError(null); try { await request.mutateAsync(); } catch (e) { setError(e instanceof Error ? e.message : "Could not start the export"); } }}>
          {busy ? "Exporting…" : "Export all data"}
        </button>
      </div>
      {error ? <p role="alert" className="text-sm text-red-600">{error}</p> : null}
      {list.isLoading ? <p className="text-sm text-slate-500">Loading exports…</p> : null}
      {list.data?.length === 0 ? <p className="text-sm text-slate-500">No exports yet.</p> : null}
      {list.data?.length ? (
        <ul className="divide-y divide-slate-100 text-sm">
          {list.data.map((e) => {
            const pct = e.tablesTotal ? Math.round((100 * e.tablesDone) / e.tablesTotal) : 0;
            return (
              <li key={e.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
                <div className="min-w-[14rem] flex-1">
                  <p>{new Date(e.createdAt).toLocaleString()} · {e.requester?.fullName ?? "A former member"}</p>
                  {e.status === "queued" || e.status === "running" ? (
                    <div className="mt-1">
                      <div role="progressbar" aria-label="Export progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} className="h-2 w-full max-w-sm overflow-hidden rounded bg-slate-100">
                        <div className="h-full bg-brand-600 transition-all" style={{ width: `${pct}%` }} />
                      </div>
                      <p className="mt-1 text-xs text-slate-500">{e.status === "queued" ? "Waiting to start…" : `${e.tablesDone} of ${e.tablesTotal} tables${e.currentTable ? ` · ${e.currentTable.replace(/_/g, " ")}` : ""} · ${e.rowsExported.toLocaleString()} rows`}</p>
                    </div>
                  ) : e.status === "failed" ? <p className="text-xs text-red-700">Failed: {e.error}</p>
                    : <p className="text-xs text-slate-500">{e.rowsExported.toLocaleString()} rows · {e.fileSize ? bytes(e.fileSize) : ""}{e.downloadable ? "" : " · expired"}</p>}
                </div>
                {e.downloadable ? <a className="btn-primary" href={`/api/organizations/${orgSlug}/exports/${e.id}`}>Download</a> : null}
              </li>
            );
          })}
        </ul>
      ) : null}
    </section>
  );
}

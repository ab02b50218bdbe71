"use client";

import type { inferRouterOutputs } from "@trpc/server";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { FormError } from "@/components/ui/field";
import { ConfirmButton } from "@/components/ui/confirm-button";
import type { AppRouter } from "@/server/api/root";
import { api } from "@/trpc/react";
import { IMPORT_FIELDS, type ImportResource } from "../import-fields";
import { DUPLICATE_STRATEGIES } from "../imports.schema";

type Imp = inferRouterOutputs<AppRouter>["imports"]["get"];

const STRATEGY: Record<(typeof DUPLICATE_STRATEGIES)[number], { label: string; hint: string }> = {
  skip: { label: "Skip duplicates", hint: "Rows matching an existing record by email, phone, domain or name are left out." },
  update: { label: "Update duplicates", hint: "Matching records get the file's non-empty values; undo restores the old ones." },
  create: { label: "Create anyway", hint: "Every row becomes a new record (rows whose email or phone is taken are rejected)." },
};

/** Map columns with a preview, then watch the import run, then read its report or undo it. */
export function ImportWizard({ orgSlug, initial }: { orgSlug: string; initial: Imp }) {
  const router = useRouter();
  // Poll while a job works on it: the import itself, or its undo (unless that stopped).
  const running = (i: Imp) => i.status === "running" || (i.status === "undoing" && !i.error);
  const query = api.imports.get.useQuery({ id: initial.id }, { initialData: initial, refetchInterval: (q) => (q.state.data && running(q.state.data) ? 600 : false) });
  const imp = query.data ?? initial;
  const [mapping, setMapping] = useState<Record<string, string>>(initial.mapping);
  const [strategy, setStrategy] = useState<(typeof DUPLICATE_STRATEGIES)[number]>("skip");
  const [error, setError] = useState<string | undefined>();
  const start = api.imports.start.useMutation({ onSuccess: () => query.refetch(), onError: (e) => setError(e.message) });
  const undo = api.imports.undo.useMutation({ onSuccess: () => { void query.refetch(); } });
  // The server-rendered parts (the imports list, record counts) change once the undo is done.
  const previous = useRef(imp.status);
  useEffect(() => {
    if (imp.status === "undone" && previous.current !== "undone") router.refresh();
    previous.current = imp.status;
  }, [imp.status, router]);
  const fields = IMPORT_FIELDS[imp.resource as ImportResource];
  const sample = (header: string) => {
    const i = imp.headers.indexOf(header);
    return imp.preview.map((row) => row[i] ?? "").filter(Boolean).slice(0, 2).join(", ");
  };

  if (imp.status === "uploaded") {
    return (
      <form aria-label="Map columns" className="space-y-5" onSubmit={(e) => { e.preventDefault(); setError(undefined); start.mutate({ id: imp.id, mapping, duplicateStrategy: strategy }); }}>
        <FormError message={error} />
        <div className="card overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="px-4 pt-3 text-left text-sm text-slate-600">Choose the column that fills each field. We guessed from the column names.</caption>
            <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
              <tr><th scope="col" className="px-4 py-2">Field</th><th scope="col" className="px-4 py-2">Column in your file</th><th scope="col" className="px-4 py-2">Sample</th></tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {fields.map((f) => (
                <tr key={f.key}>
                  <th scope="row" className="px-4 py-2 font-medium"><label htmlFor={`map-${f.key}`}>{f.label}{f.required ? <span className="text-red-600"> *</span> : null}</label></th>
                  <td className="px-4 py-2">
                    <select id={`map-${f.key}`} className="input" value={mapping[f.key] ?? ""} onChange={(e) => setMapping({ ...mapping, [f.key]: e.target.value })}>
                      <option value="">Don’t import</option>
                      {imp.headers.map((h) => <option key={h} value={h}>{h}</option>)}
                    </select>
                  </td>
                  <td className="max-w-[16rem] truncate px-4 py-2 text-slate-500">{mapping[f.key] ? sample(mapping[f.key]!) : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <section aria-labelledby="preview-heading" className="card overflow-x-auto p-4">
          <h2 id="preview-heading" className="mb-2 text-sm font-semibold">First rows of {imp.fileName}</h2>
          <table className="text-left text-xs">
            <thead><tr>{imp.headers.map((h) => <th key={h} scope="col" className="whitespace-nowrap px-2 py-1 text-slate-500">{h}</th>)}</tr></thead>
            <tbody>{imp.preview.map((row, i) => <tr key={i}>{imp.headers.map((h, j) => <td key={h} className="whitespace-nowrap px-2 py-1">{row[j]}</td>)}</tr>)}</tbody>
          </table>
        </section>
        <fieldset className="card space-y-2 p-4">
          <legend className="px-1 text-sm font-semibold">Duplicates</legend>
          {DUPLICATE_STRATEGIES.map((s) => (
            <label key={s} className="flex items-start gap-2 text-sm">
              <input type="radio" name="duplicates" value={s} checked={strategy === s} onChange={() => setStrategy(s)} className="mt-1" />
              <span><span className="font-medium">{STRATEGY[s].label}</span><span className="block text-slate-500">{STRATEGY[s].hint}</span></span>
            </label>
          ))}
        </fieldset>
        <button type="submit" className="btn-primary" disabled={start.isPending}>{start.isPending ? "Starting…" : `Import ${imp.totalRows.toLocaleString()} rows`}</button>
      </form>
    );
  }

  const undoing = imp.status === "undoing";
  const pct = undoing
    ? (imp.undoTotal ? Math.min(100, Math.round((imp.undoDone / imp.undoTotal) * 100)) : 0)
    : imp.totalRows ? Math.round((imp.processedRows / imp.totalRows) * 100) : 100;
  const heading = { running: "Importing…", completed: "Import finished", undone: "Import undone", failed: "Import failed", uploaded: "", undoing: imp.error ? "Undo stopped" : "Undoing import…" }[imp.status];
  return (
    <div className="space-y-5">
      <section aria-labelledby="progress-heading" className="card p-5">
        <h2 id="progress-heading" className="mb-3 font-semibold">{heading}</h2>
        <div role="progressbar" aria-label={undoing ? "Undo progress" : "Import progress"} aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100} className="h-3 rounded bg-slate-100">
          <div className={`h-3 rounded transition-all ${imp.status === "failed" || (undoing && imp.error) ? "bg-rose-500" : "bg-brand-500"}`} style={{ width: `${pct}%` }} />
        </div>
        <p className="mt-2 text-sm text-slate-600" aria-live="polite">
          {undoing
            ? `${imp.undoDone.toLocaleString()} of ${imp.undoTotal ? imp.undoTotal.toLocaleString() : "…"} records removed or restored`
            : `${imp.processedRows.toLocaleString()} of ${imp.totalRows.toLocaleString()} rows`}
        </p>
        <dl className="mt-4 grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
          {([["Created", imp.createdCount], ["Updated", imp.updatedCount], ["Skipped as duplicates", imp.skippedCount], ["Rejected", imp.rejectedCount]] as const).map(([label, n]) => (
            <div key={label} className="rounded-md bg-slate-50 p-3"><dt className="text-xs text-slate-500">{label}</dt><dd className="text-xl font-semibold tabular-nums">{n.toLocaleString()}</dd></div>
          ))}
        </dl>
        {imp.error ? <p role="alert" className="mt-3 text-sm text-rose-700">{imp.error}</p> : null}
        {imp.status === "completed" || imp.status === "failed" || (undoing && imp.error) ? (
          <div className="mt-4 flex flex-wrap gap-2">
            {undoing ? null : <a className="btn-secondary" href={`/${orgSlug}/${imp.resource}`}>View {imp.resource}</a>}
            <ConfirmButton label={undoing ? "Undo again" : "Undo import"} title={undoing ? "Finish undoing this import?" : "Undo this whole import?"} confirmLabel={undoing ? "Undo again" : "Undo import"}
              body={undoing
                ? <p>The undo carries on where it stopped: {(imp.undoTotal - imp.undoDone).toLocaleString()} records are left to remove or restore.</p>
                : <p>{imp.createdCount.toLocaleString()} created records are deleted and {imp.updatedCount.toLocaleString()} updated ones get their previous values back. Large imports take a while; this page shows the progress.</p>}
              onConfirm={async () => { await undo.mutateAsync({ id: imp.id }); }} />
          </div>
        ) : null}
      </section>
      {imp.rejectedCount > 0 && imp.status !== "running" ? <RejectReport orgSlug={orgSlug} imp={imp} /> : null}
    </div>
  );
}

function RejectReport({ orgSlug, imp }: { orgSlug: string; imp: Imp }) {
  const rejects = api.imports.rejects.useQuery({ id: imp.id, limit: 100 });
  return (
    <section aria-labelledby="rejects-heading" className="card p-5">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 id="rejects-heading" className="font-semibold">{imp.rejectedCount.toLocaleString()} rejected {imp.rejectedCount === 1 ? "row" : "rows"}</h2>
        <a className="btn-secondary" href={`/api/imports/${imp.id}/rejects?org=${encodeURIComponent(orgSlug)}`}>Download rejected rows (CSV)</a>
      </div>
      {rejects.isLoading ? <p className="text-sm text-slate-500">Loading the report…</p> : (
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Rejected rows and why</caption>
          <thead className="text-xs uppercase tracking-wide text-slate-500"><tr><th scope="col" className="py-1 pr-4">Row</th><th scope="col" className="py-1">Why</th></tr></thead>
          <tbody className="divide-y divide-slate-100">
            {rejects.data?.map((r) => <tr key={r.rowNumber}><td className="py-1 pr-4 tabular-nums">{r.rowNumber}</td><td className="py-1">{r.reason}</td></tr>)}
          </tbody>
        </table>
      )}
      {imp.rejectedCount > 100 ? <p className="mt-2 text-xs text-slate-500">Showing the first 100; the download has them all.</p> : null}
    </section>
  );
}

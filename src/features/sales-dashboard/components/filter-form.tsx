import Link from "next/link";
import { listHref } from "@/components/list/search-params";
import type { RangePreset } from "./range-presets";

export type FilterField = "from" | "to" | "ownerId" | "pipelineId";

export interface FilterValues {
  from: string;
  to: string;
  owner: string;
  pipeline: string;
}

function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? <p id={id} role="alert" className="mt-1 max-w-[16rem] text-sm text-red-600">{message}</p> : null;
}

/** The dashboard's filters as a plain GET form, so every view is a link that can be shared. */
export function FilterForm({ action, values, filtered, errors, owners, pipelines, presets }: {
  action: string;
  /** Whether the URL chose anything, so there is something to reset. */
  filtered: boolean;
  values: FilterValues;
  errors: Partial<Record<FilterField, string>>;
  /** Empty when the viewer may not list members: the owner filter is then not offered. */
  owners: { id: string; name: string }[];
  pipelines: { id: string; name: string }[];
  presets: RangePreset[];
}) {
  const invalid = (field: FilterField) => (errors[field] ? { "aria-invalid": true, "aria-describedby": `${field}-error` } : {});
  const current = Object.fromEntries(Object.entries(values).filter(([, v]) => v)) as Record<string, string>;
  return (
    <form role="search" aria-label="Filter the dashboard" className="card mb-6 p-4" action={action}>
      <div className="flex flex-wrap items-start gap-3">
        <div>
          <label htmlFor="from" className="mb-1 block text-sm font-medium text-slate-700">From</label>
          <input id="from" name="from" type="date" defaultValue={values.from} className="input" {...invalid("from")} />
          <FieldError id="from-error" message={errors.from} />
        </div>
        <div>
          <label htmlFor="to" className="mb-1 block text-sm font-medium text-slate-700">To</label>
          <input id="to" name="to" type="date" defaultValue={values.to} className="input" {...invalid("to")} />
          <FieldError id="to-error" message={errors.to} />
        </div>
        {owners.length ? (
          <div>
            <label htmlFor="owner" className="mb-1 block text-sm font-medium text-slate-700">Owner</label>
            <select id="owner" name="owner" defaultValue={values.owner} className="input" {...invalid("ownerId")}>
              <option value="">Everyone</option>
              {owners.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
            </select>
            <FieldError id="ownerId-error" message={errors.ownerId} />
          </div>
        ) : null}
        {pipelines.length > 1 ? (
          <div>
            <label htmlFor="pipeline" className="mb-1 block text-sm font-medium text-slate-700">Pipeline</label>
            <select id="pipeline" name="pipeline" defaultValue={values.pipeline} className="input" {...invalid("pipelineId")}>
              <option value="">All pipelines</option>
              {pipelines.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
            </select>
            <FieldError id="pipelineId-error" message={errors.pipelineId} />
          </div>
        ) : null}
        <div className="flex gap-2 self-end">
          <button type="submit" className="btn-primary">Apply</button>
          {filtered ? <Link href={action} className="btn-secondary">Reset</Link> : null}
        </div>
      </div>
      <nav aria-label="Date ranges" className="mt-3 flex flex-wrap gap-2 text-sm">
        {presets.map((p) => {
          const active = p.from === values.from && p.to === values.to;
          return (
            <Link key={p.label} href={listHref(action, current, { from: p.from, to: p.to })} aria-current={active ? "true" : undefined}
              className={`rounded-full px-3 py-1 ${active ? "bg-brand-600 text-white" : "border border-slate-300 bg-white hover:bg-slate-50"}`}>
              {p.label}
            </Link>
          );
        })}
      </nav>
    </form>
  );
}

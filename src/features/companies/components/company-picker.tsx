"use client";

import { useId, useState } from "react";
import { api } from "@/trpc/react";
export type PickedCompany = { id: string; name: string };

/** Search the organization's companies and pick several (or up to `max`); the first picked is the primary. */
export function CompanyPicker({ value, onChange, error, label = "Companies", max }: {
  value: PickedCompany[]; onChange: (next: PickedCompany[]) => void; error?: string; label?: string; max?: number;
}) {
  const id = useId();
  const [search, setSearch] = useState("");
  const results = api.companies.list.useQuery({ search: search || undefined, pageSize: 8 }, { enabled: search.trim().length > 0 });
  const picked = new Set(value.map((c) => c.id));
  return (
    <div className="sm:col-span-2">
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-700">{label}</label>
      {value.length ? (
        <ul className="mb-2 flex flex-wrap gap-2" aria-label="Linked companies">
          {value.map((c, i) => (
            <li key={c.id} className="flex items-center gap-1 rounded-full bg-brand-50 px-3 py-1 text-sm text-brand-700">
              {c.name}{i === 0 && max !== 1 ? <span className="text-xs">(primary)</span> : null}
              <button type="button" className="ml-1 rounded-full px-1 hover:bg-brand-100" aria-label={`Remove ${c.name}`}
                onClick={() => onChange(value.filter((v) => v.id !== c.id))}>×</button>
            </li>
          ))}
        </ul>
      ) : null}
      {max !== undefined && value.length >= max ? null : <input id={id} className="input" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Search companies to link"
        aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />}
      {search.trim() ? (
        <ul className="mt-1 max-h-56 overflow-y-auto rounded-md border border-slate-200 bg-white" aria-label="Matching companies" aria-busy={results.isFetching}>
          {results.data?.items.length === 0 ? <li className="px-3 py-2 text-sm text-slate-500">No companies match “{search}”.</li> : null}
          {results.data?.items.map((c) => (
            <li key={c.id}>
              <button type="button" disabled={picked.has(c.id)} className="block w-full px-3 py-2 text-left text-sm hover:bg-slate-50 disabled:text-slate-400"
                onClick={() => { onChange([...value, { id: c.id, name: c.name }]); setSearch(""); }}>
                {c.name}{picked.has(c.id) ? " (linked)" : ""}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {error ? <p id={`${id}-error`} role="alert" className="mt-1 text-sm text-red-600">{error}</p> : null}
    </div>
  );
}

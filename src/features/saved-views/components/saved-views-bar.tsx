"use client";

import type { VIEW_RESOURCES } from "../saved-views.schema";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api } from "@/trpc/react";

interface View {
  id: string;
  name: string;
  query: unknown;
}

/** The member's saved views of a list, and a way to save the current filters as one. */
export function SavedViewsBar({ resource, basePath, current, views }: {
  resource: (typeof VIEW_RESOURCES)[number];
  basePath: string;
  current: Record<string, string>;
  views: View[];
}) {
  const router = useRouter();
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState("");
  const [error, setError] = useState<string>();
  const save = api.savedViews.save.useMutation();
  const remove = api.savedViews.delete.useMutation();
  const hrefOf = (query: unknown) => {
    const qs = new URLSearchParams(query as Record<string, string>).toString();
    return qs ? `${basePath}?${qs}` : basePath;
  };

  return (
    <div className="mb-4 flex flex-wrap items-center gap-2 text-sm" aria-label="Saved views" role="group">
      <span className="text-slate-500">Views:</span>
      <Link href={basePath} className="rounded-full border border-slate-300 bg-white px-3 py-1 hover:bg-slate-50">All</Link>
      {views.map((v) => (
        <span key={v.id} className="flex items-center rounded-full border border-slate-300 bg-white">
          <Link href={hrefOf(v.query)} className="py-1 pl-3 pr-1 hover:underline">{v.name}</Link>
          <button type="button" aria-label={`Delete view ${v.name}`} className="rounded-full px-2 py-1 text-slate-400 hover:text-red-600"
            onClick={async () => { await remove.mutateAsync({ id: v.id }); router.refresh(); }}>×</button>
        </span>
      ))}
      {naming ? (
        <form className="flex items-center gap-2" onSubmit={async (e) => {
          e.preventDefault();
          try {
            await save.mutateAsync({ resource, name, query: current });
            setNaming(false);
            setName("");
            setError(undefined);
            router.refresh();
          } catch (err) {
            setError(err instanceof Error ? err.message : "Could not save the view");
          }
        }}>
          <label htmlFor="view-name" className="sr-only">View name</label>
          <input id="view-name" className="input w-44 py-1" value={name} onChange={(e) => setName(e.target.value)} placeholder="Name this view" autoFocus
            onKeyDown={(e) => { if (e.key === "Escape") setNaming(false); }} />
          <button type="submit" className="btn-primary py-1" disabled={save.isPending}>Save</button>
          {error ? <span role="alert" className="text-red-600">{error}</span> : null}
        </form>
      ) : (
        <button type="button" className="rounded-full px-3 py-1 text-brand-700 hover:bg-brand-50" onClick={() => setNaming(true)}>+ Save current view</button>
      )}
    </div>
  );
}

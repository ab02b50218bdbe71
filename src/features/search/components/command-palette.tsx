"use client";

import { keepPreviousData } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { api } from "@/trpc/react";
import type { SearchKind } from "../search.schema";

const KIND_LABEL: Record<SearchKind, string> = { lead: "Lead", company: "Company", contact: "Contact", opportunity: "Deal" };
const KIND_PATH: Record<SearchKind, string> = { lead: "leads", company: "companies", contact: "contacts", opportunity: "deals" };

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/**
 * Ctrl-K / Cmd-K search across the organization: a combobox in a modal dialog. Arrow keys
 * move through the results, Enter opens one, Escape closes.
 */
export function CommandPalette({ orgSlug }: { orgSlug: string }) {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const [q, setQ] = useState("");
  const [active, setActive] = useState(0);
  // The shortcut works once its listener is on: until then the buttons say so by being disabled.
  const [listening, setListening] = useState(false);
  const query = useDebounced(q.trim(), 150);
  const results = api.search.global.useQuery({ q: query }, { enabled: query.length > 0, placeholderData: keepPreviousData });
  const hits = query ? (results.data ?? []) : [];

  const open = useCallback(() => {
    dialog.current?.showModal();
    input.current?.select();
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "k") {
        e.preventDefault();
        open();
      }
    };
    window.addEventListener("keydown", onKey);
    setListening(true);
    return () => window.removeEventListener("keydown", onKey);
  }, [open]);

  useEffect(() => setActive(0), [query]);

  const go = (index: number) => {
    const hit = hits[index];
    if (!hit) return;
    dialog.current?.close();
    setQ("");
    router.push(`/${orgSlug}/${KIND_PATH[hit.kind]}/${hit.id}`);
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === "ArrowDown") {
      e.preventDefault();
      setActive((i) => Math.min(i + 1, hits.length - 1));
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (e.key === "Enter") {
      e.preventDefault();
      go(active);
    }
  };

  return (
    <>
      <button type="button" onClick={open} disabled={!listening} className="hidden items-center gap-3 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-500 hover:bg-slate-50 md:flex">
        <span>Search…</span>
        <kbd className="rounded border border-slate-200 bg-slate-50 px-1.5 text-xs">Ctrl K</kbd>
      </button>
      <button type="button" onClick={open} disabled={!listening} className="rounded-md p-2 hover:bg-slate-100 md:hidden" aria-label="Open search">⌕</button>
      <dialog ref={dialog} aria-label="Search everything" className="mt-24 w-full max-w-xl rounded-lg p-0 shadow-2xl backdrop:bg-slate-900/40">
        <div className="border-b border-slate-200 p-3">
          <input ref={input} value={q} onChange={(e) => setQ(e.target.value)} onKeyDown={onKeyDown}
            role="combobox" aria-expanded={hits.length > 0} aria-controls={listId} aria-autocomplete="list"
            aria-activedescendant={hits[active] ? `${listId}-${active}` : undefined}
            placeholder="Search leads, companies, contacts and deals" className="w-full border-0 p-1 text-base outline-none focus:ring-0" autoComplete="off" />
        </div>
        <ul id={listId} role="listbox" aria-label="Results" className="max-h-80 overflow-y-auto p-1">
          {hits.map((hit, i) => (
            <li key={`${hit.kind}:${hit.id}`} id={`${listId}-${i}`} role="option" aria-selected={i === active}
              onMouseEnter={() => setActive(i)} onClick={() => go(i)}
              className={`flex cursor-pointer items-center justify-between gap-3 rounded px-3 py-2 ${i === active ? "bg-brand-50" : ""}`}>
              <span className="min-w-0">
                <span className="block truncate font-medium">{hit.title}</span>
                {hit.subtitle ? <span className="block truncate text-xs text-slate-500">{hit.subtitle}</span> : null}
              </span>
              <span className="shrink-0 rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-600">{KIND_LABEL[hit.kind]}</span>
            </li>
          ))}
        </ul>
        {query && !results.isFetching && hits.length === 0 ? <p className="px-4 pb-4 text-sm text-slate-500">Nothing matches “{query}”.</p> : null}
        {!query ? <p className="px-4 pb-4 text-sm text-slate-500">Type a name, email or domain. Typos are fine.</p> : null}
      </dialog>
    </>
  );
}

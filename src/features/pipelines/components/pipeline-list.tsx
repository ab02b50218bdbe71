"use client";

import { useState } from "react";
import { api } from "@/trpc/react";
import { moveItem } from "./move-item";
import { PipelineForm } from "./pipeline-form";
import type { PipelineSettings } from "./types";
import type { Latest, Save } from "./use-settings-saver";

const moveButton = "btn-secondary h-8 w-8 shrink-0 px-0 py-0";

/** The pipelines in the order admins set; the board's switcher lists the default first, then this order. */
export function PipelineList({ pipelines, selectedId, onSelect, save, latest }: {
  pipelines: PipelineSettings[];
  selectedId: string | undefined;
  onSelect: (id: string) => void;
  save: Save;
  latest: Latest;
}) {
  const utils = api.useUtils();
  const create = api.pipelines.create.useMutation();
  const reorder = api.pipelines.reorder.useMutation();
  const [creating, setCreating] = useState(pipelines.length === 0);

  /** Counted in the latest order, so quick repeated clicks build on each other. */
  function move(pipeline: PipelineSettings, delta: number) {
    const current = latest() ?? pipelines;
    const from = current.findIndex((p) => p.id === pipeline.id);
    const to = from + delta;
    if (from < 0 || to < 0 || to >= current.length) return;
    const order = moveItem(current, from, to);
    save({
      optimistic: () => order,
      run: () => reorder.mutateAsync({ pipelineIds: order.map((p) => p.id) }),
      done: `Saved the order: ${pipeline.name} is now pipeline ${to + 1} of ${order.length}.`,
      failed: `Could not move ${pipeline.name}`,
    }).catch(() => undefined);
  }

  return (
    <section aria-labelledby="pipelines-heading" className="card">
      <header className="flex items-center justify-between gap-2 border-b border-slate-200 px-4 py-3">
        <h2 id="pipelines-heading" className="font-semibold">Pipelines</h2>
        {!creating ? <button type="button" className="btn-secondary px-3 py-1.5" onClick={() => setCreating(true)}>New pipeline</button> : null}
      </header>
      {creating ? (
        <div className="border-b border-slate-200 bg-slate-50 p-4">
          <h3 className="mb-2 text-sm font-semibold">New pipeline</h3>
          <p className="mb-3 text-xs text-slate-600">It starts with the standard stages, from Lead in to Won and Lost; change them after.</p>
          <PipelineForm initial={{ name: "", description: "" }} submitLabel="Create pipeline" busyLabel="Creating…"
            onCancel={pipelines.length ? () => setCreating(false) : undefined}
            onSubmit={async (values) => {
              const created = await save({
                run: async () => {
                  const pipeline = await create.mutateAsync(values);
                  // Load it before selecting it, so the editor never shows a pipeline that is not there yet.
                  await utils.pipelines.settings.refetch();
                  return pipeline;
                },
                done: (p) => `Created ${p.name} with the standard stages.`,
              });
              setCreating(false);
              onSelect(created.id);
            }} />
        </div>
      ) : null}
      {pipelines.length === 0 ? (
        <p className="px-4 py-6 text-sm text-slate-500">No pipelines yet. Create one to start tracking deals.</p>
      ) : (
        <ol aria-label="Pipelines in order" className="divide-y divide-slate-100">
          {pipelines.map((p, index) => {
            const current = p.id === selectedId;
            return (
              <li key={p.id} className={`flex items-center gap-1 px-2 py-2 ${current ? "bg-brand-50" : ""}`}>
                <button type="button" onClick={() => onSelect(p.id)} aria-current={current ? "true" : undefined}
                  className={`min-w-0 flex-1 rounded-md px-2 py-1.5 text-left hover:bg-slate-50 ${current ? "font-semibold text-brand-700" : ""}`}>
                  <span className="flex items-center gap-2">
                    <span className="truncate">{p.name}</span>
                    {p.isDefault ? <span className="shrink-0 rounded-full bg-brand-100 px-2 py-0.5 text-xs font-medium text-brand-700">Default</span> : null}
                  </span>
                  <span className="block text-xs font-normal text-slate-500">{p.stages.length} stages · {p.dealCount} {p.dealCount === 1 ? "deal" : "deals"}</span>
                </button>
                <button type="button" className={moveButton} disabled={index === 0} aria-label={`Move pipeline ${p.name} up`} title="Move up"
                  onClick={() => move(p, -1)}><span aria-hidden="true">↑</span></button>
                <button type="button" className={moveButton} disabled={index === pipelines.length - 1} aria-label={`Move pipeline ${p.name} down`} title="Move down"
                  onClick={() => move(p, 1)}><span aria-hidden="true">↓</span></button>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

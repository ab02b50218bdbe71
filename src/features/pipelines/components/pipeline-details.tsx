"use client";

import Link from "next/link";
import { useState } from "react";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { api } from "@/trpc/react";
import { stageKind } from "../stage-kind";
import { PipelineForm } from "./pipeline-form";
import type { PipelineSettings } from "./types";
import type { Save } from "./use-settings-saver";

const deals = (n: number) => `${n} ${n === 1 ? "deal" : "deals"}`;

/** The selected pipeline: its name and description, and what can be done to it as a whole. */
export function PipelineDetails({ orgSlug, pipeline, pipelines, save, onDeleted }: {
  orgSlug: string;
  pipeline: PipelineSettings;
  pipelines: PipelineSettings[];
  save: Save;
  onDeleted: (nextId: string | undefined) => void;
}) {
  const update = api.pipelines.update.useMutation();
  const setDefault = api.pipelines.setDefault.useMutation();
  const remove = api.pipelines.delete.useMutation();
  const [editing, setEditing] = useState(false);
  const [targetId, setTargetId] = useState("");
  const others = pipelines.filter((p) => p.id !== pipeline.id);

  function makeDefault() {
    save({
      optimistic: (all) => all.map((p) => ({ ...p, isDefault: p.id === pipeline.id })),
      run: () => setDefault.mutateAsync({ pipelineId: pipeline.id }),
      done: `${pipeline.name} is now the default pipeline.`,
      failed: `Could not make ${pipeline.name} the default`,
    }).catch(() => undefined);
  }

  async function deletePipeline() {
    if (pipeline.dealCount > 0 && !targetId) throw new Error("Choose the stage its open deals move to");
    const next = others.find((p) => p.isDefault) ?? others[0];
    await save({
      run: () => remove.mutateAsync({ pipelineId: pipeline.id, targetStageId: pipeline.dealCount > 0 ? targetId : undefined }),
      done: (r) => `Deleted ${pipeline.name}.${r.movedDeals ? ` ${deals(r.movedDeals)} moved.` : ""}`,
    });
    onDeleted(next?.id);
  }

  return (
    <section aria-labelledby="pipeline-heading" className="card p-4 sm:p-5">
      {editing ? (
        <>
          <h2 id="pipeline-heading" className="mb-3 font-semibold">Edit {pipeline.name}</h2>
          <PipelineForm initial={{ name: pipeline.name, description: pipeline.description ?? "" }} submitLabel="Save pipeline" busyLabel="Saving…"
            onCancel={() => setEditing(false)}
            onSubmit={async (values) => {
              await save({
                optimistic: (all) => all.map((p) => (p.id === pipeline.id ? { ...p, name: values.name, description: values.description ?? null } : p)),
                run: () => update.mutateAsync({ pipelineId: pipeline.id, values }),
                done: `Saved ${values.name}.`,
              });
              setEditing(false);
            }} />
        </>
      ) : (
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div className="min-w-0">
            <h2 id="pipeline-heading" className="flex flex-wrap items-center gap-2 text-lg font-semibold">
              {pipeline.name}
              {pipeline.isDefault ? <span className="rounded-full bg-brand-100 px-2 py-0.5 text-xs font-medium text-brand-700">Default</span> : null}
            </h2>
            <p className="mt-1 text-sm text-slate-600">{pipeline.description || "No description."}</p>
            <p className="mt-1 text-xs text-slate-500">{pipeline.stages.length} stages · {deals(pipeline.dealCount)}</p>
          </div>
          <div className="flex flex-wrap gap-2">
            <Link href={`/${orgSlug}/pipeline/${pipeline.id}`} className="btn-secondary">Open board</Link>
            <button type="button" className="btn-secondary" onClick={() => setEditing(true)}>Rename<span className="sr-only"> {pipeline.name}</span></button>
            {!pipeline.isDefault ? <button type="button" className="btn-secondary" onClick={makeDefault}>Make default</button> : null}
            {others.length === 0 ? null : (
              <ConfirmButton label="Delete pipeline" title={`Delete ${pipeline.name}?`} confirmLabel={pipeline.dealCount ? `Delete and move ${deals(pipeline.dealCount)}` : "Delete pipeline"}
                onConfirm={deletePipeline}
                body={pipeline.dealCount === 0 ? (
                  <p>It has no deals. Its stages go with it; this cannot be undone.</p>
                ) : (
                  <div className="space-y-3">
                    <p>
                      It has {deals(pipeline.dealCount)}. Open deals move to the stage you choose; won and lost deals go to that pipeline&apos;s
                      won and lost stages, keeping their outcome. Each move is recorded in the deal&apos;s history.
                    </p>
                    <div>
                      <label htmlFor="delete-pipeline-target" className="mb-1 block text-sm font-medium text-slate-700">Move open deals to</label>
                      <select id="delete-pipeline-target" className="input" value={targetId} onChange={(e) => setTargetId(e.target.value)}>
                        <option value="">Choose a stage…</option>
                        {others.map((p) => (
                          <optgroup key={p.id} label={p.name}>
                            {p.stages.filter((s) => stageKind(s) === "open").map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
                          </optgroup>
                        ))}
                      </select>
                    </div>
                  </div>
                )} />
            )}
          </div>
        </div>
      )}
      {others.length === 0 && !editing ? <p className="mt-3 text-xs text-slate-500">This is the only pipeline, so it cannot be deleted; create another first.</p> : null}
    </section>
  );
}

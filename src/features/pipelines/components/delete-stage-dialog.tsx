"use client";

import { useEffect, useId, useRef, useState } from "react";
import { errorsFromServer } from "@/lib/form-errors";
import { api } from "@/trpc/react";
import { isOnlyOfKind, stageKind } from "../stage-kind";
import type { PipelineSettings, StageSettings } from "./types";
import type { Save } from "./use-settings-saver";

const deals = (n: number) => `${n} ${n === 1 ? "deal" : "deals"}`;

/**
 * Confirms deleting a stage. Its deals cannot be left stageless, so when it has any the
 * dialog asks where they go, offering only stages of the same kind (open, won or lost) so no
 * deal changes outcome. A stage the pipeline cannot lose gets the reason instead of a button.
 */
export function DeleteStageDialog({ pipeline, stage, save, onClose }: {
  pipeline: PipelineSettings;
  stage: StageSettings | null;
  save: Save;
  onClose: () => void;
}) {
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const remove = api.pipelines.deleteStage.useMutation();
  const [targetId, setTargetId] = useState("");
  const [error, setError] = useState("");

  useEffect(() => {
    if (stage && !dialog.current?.open) dialog.current?.showModal();
    if (!stage && dialog.current?.open) dialog.current.close();
  }, [stage]);

  const kind = stage ? stageKind(stage) : "open";
  const targets = stage ? pipeline.stages.filter((s) => s.id !== stage.id && stageKind(s) === kind) : [];
  const only = stage ? isOnlyOfKind(pipeline.stages, stage.id) : false;
  const hasDeals = (stage?.dealCount ?? 0) > 0;

  async function confirm() {
    if (!stage) return;
    if (hasDeals && !targetId) return setError("Choose the stage its deals move to");
    setError("");
    try {
      await save({
        optimistic: (all) => all.map((p) => (p.id !== pipeline.id ? p : {
          ...p,
          stages: p.stages.filter((s) => s.id !== stage.id).map((s, position) => ({
            ...s, position, dealCount: s.id === targetId ? s.dealCount + stage.dealCount : s.dealCount,
          })),
        })),
        run: () => remove.mutateAsync({ stageId: stage.id, targetStageId: hasDeals ? targetId : undefined }),
        done: (r) => `Deleted ${stage.name}.${r.movedDeals ? ` ${deals(r.movedDeals)} moved to ${targets.find((t) => t.id === targetId)?.name ?? "the chosen stage"}.` : ""}`,
      });
      setTargetId("");
      dialog.current?.close();
    } catch (e) {
      const errors = errorsFromServer(e as Parameters<typeof errorsFromServer>[0]);
      setError(errors.targetStageId ?? errors.stageId ?? errors.form ?? Object.values(errors)[0] ?? "That did not work; try again.");
    }
  }

  return (
    <dialog ref={dialog} aria-labelledby={`${id}-title`} aria-describedby={`${id}-body`} onClose={() => { setError(""); setTargetId(""); onClose(); }}
      className="w-full max-w-md rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40">
      {stage ? (
        <form method="dialog" noValidate className="space-y-4 p-6" onSubmit={(e) => { e.preventDefault(); void confirm(); }}>
          <h2 id={`${id}-title`} className="text-lg font-semibold">{only ? `${stage.name} cannot be deleted` : `Delete ${stage.name}?`}</h2>
          <div id={`${id}-body`} className="space-y-2 text-sm text-slate-600">
            {only ? (
              <p>It is the only {kind} stage of {pipeline.name}, and every pipeline needs at least one open, one won and one lost stage. Add another {kind} stage first, or change this one instead.</p>
            ) : hasDeals ? (
              <p>{stage.name} has {deals(stage.dealCount)}. They move to the stage you choose, and each move is recorded in the deal&apos;s stage history.</p>
            ) : (
              <p>No deals are in this stage. This cannot be undone.</p>
            )}
          </div>
          {!only && hasDeals ? (
            <div>
              <label htmlFor={`${id}-target`} className="mb-1 block text-sm font-medium text-slate-700">Move its deals to</label>
              <select id={`${id}-target`} value={targetId} onChange={(e) => { setTargetId(e.target.value); setError(""); }} className="input" required
                aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}>
                <option value="">Choose a {kind} stage…</option>
                {targets.map((t) => <option key={t.id} value={t.id}>{t.name} ({deals(t.dealCount)})</option>)}
              </select>
            </div>
          ) : null}
          {error ? <p id={`${id}-error`} role="alert" className="text-sm text-red-600">{error}</p> : null}
          <div className="flex justify-end gap-2">
            <button type="button" className="btn-secondary" onClick={() => dialog.current?.close()} autoFocus>{only ? "Close" : "Cancel"}</button>
            {!only ? (
              <button type="submit" className="btn bg-red-600 text-white hover:bg-red-700" disabled={remove.isPending}>
                {remove.isPending ? "Deleting…" : hasDeals ? `Delete and move ${deals(stage.dealCount)}` : "Delete stage"}
              </button>
            ) : null}
          </div>
        </form>
      ) : null}
    </dialog>
  );
}

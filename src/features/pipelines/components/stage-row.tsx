"use client";

import { useDraggable, useDroppable } from "@dnd-kit/core";
import { useId, useState } from "react";
import { type FieldErrors, errorsFromServer, validate } from "@/lib/form-errors";
import { api } from "@/trpc/react";
import { stageFieldsSchema } from "../pipelines.schema";
import { type StageKind, isOnlyOfKind, kindFlags, stageKind } from "../stage-kind";
import type { PipelineSettings, StageSettings } from "./types";
import type { Save } from "./use-settings-saver";

interface Draft {
  name: string;
  probability: string;
  rottingDays: string;
  kind: StageKind;
}

const draftOf = (stage: StageSettings): Draft => ({
  name: stage.name,
  probability: String(stage.probability),
  rottingDays: stage.rottingDays === null ? "" : String(stage.rottingDays),
  kind: stageKind(stage),
});

/** The row shows won/lost as one "Type" select, so errors about either flag belong to it. */
function withKind(errors: FieldErrors): FieldErrors {
  const { isWon, isLost, values, ...rest } = errors;
  return { ...rest, kind: rest.kind ?? isWon ?? isLost, form: rest.form ?? values };
}

export const STAGE_GRID = "sm:grid-cols-[minmax(10rem,1fr)_6.5rem_7.5rem_6.5rem_auto]";
const label = "mb-1 block text-xs font-medium text-slate-600 sm:sr-only";
const iconButton = "btn-secondary h-9 w-9 px-0 py-0";

export interface MoveButtons {
  up: HTMLButtonElement | null;
  down: HTMLButtonElement | null;
}

/**
 * One stage, edited in place: change any field and press Enter or Save (Escape undoes). The
 * save shows at once and is undone, with the reason beside the field, if the server refuses.
 */
export function StageRow({ pipeline, stage, index, save, onMove, onDelete, registerMoveButtons }: {
  pipeline: PipelineSettings;
  stage: StageSettings;
  index: number;
  save: Save;
  onMove: (stage: StageSettings, by: { delta: number }) => void;
  onDelete: (stage: StageSettings) => void;
  registerMoveButtons: (stageId: string, which: keyof MoveButtons, button: HTMLButtonElement | null) => void;
}) {
  const id = useId();
  const update = api.pipelines.updateStage.useMutation();
  const [edits, setEdits] = useState<Partial<Draft>>({});
  const [errors, setErrors] = useState<FieldErrors>({});
  const saved = draftOf(stage);
  const draft = { ...saved, ...edits };
  const dirty = (Object.keys(edits) as (keyof Draft)[]).some((k) => edits[k] !== saved[k]);
  const count = pipeline.stages.length;

  const drag = useDraggable({ id: stage.id, data: { index, name: stage.name } });
  const drop = useDroppable({ id: stage.id, data: { index } });
  const from = drop.active?.data.current?.index as number | undefined;
  const dropLine = drop.isOver && from !== undefined && from !== index ? (from < index ? "border-b-brand-500" : "border-t-brand-500") : "";

  const set = (field: keyof Draft, value: string) => setEdits((current) => ({ ...current, [field]: value }));
  const reset = () => {
    setEdits({});
    setErrors({});
  };

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    if (!dirty) return;
    const checked = validate(stageFieldsSchema, { name: draft.name, probability: draft.probability, rottingDays: draft.rottingDays, ...kindFlags(draft.kind) });
    if (checked.errors) return setErrors(withKind(checked.errors));
    // The server refuses these too; saying so here spares a flicker of the optimistic edit.
    if (draft.kind !== saved.kind && stage.dealCount > 0) {
      return setErrors({ kind: `Move its ${stage.dealCount} ${stage.dealCount === 1 ? "deal" : "deals"} to another stage before changing its type` });
    }
    if (draft.kind !== saved.kind && isOnlyOfKind(pipeline.stages, stage.id)) {
      return setErrors({ kind: `This is the only ${saved.kind} stage; a pipeline needs at least one open, one won and one lost stage` });
    }
    setErrors({});
    const values = checked.data;
    try {
      await save({
        optimistic: (all) => all.map((p) => (p.id !== pipeline.id ? p : {
          ...p,
          stages: p.stages.map((s) => (s.id !== stage.id ? s : { ...s, ...values, rottingDays: values.rottingDays ?? null })),
        })),
        run: () => update.mutateAsync({ stageId: stage.id, values }),
        done: (r) => `Saved ${r.name}.${r.repricedDeals ? ` ${r.repricedDeals} open ${r.repricedDeals === 1 ? "deal is" : "deals are"} now at ${r.probability}%.` : ""}`,
      });
      setEdits({});
    } catch (error) {
      setErrors(withKind(errorsFromServer(error as Parameters<typeof errorsFromServer>[0])));
    }
  }

  const describe = (field: string) => (errors[field] ? `${id}-${field}-error` : undefined);
  const fieldError = (field: string) => (errors[field] ? <p id={`${id}-${field}-error`} role="alert" className="mt-1 text-xs text-red-600">{errors[field]}</p> : null);
  const of = <span className="sr-only"> of {stage.name}</span>;

  return (
    <li ref={drop.setNodeRef}
      style={drag.transform ? { transform: `translate(${drag.transform.x}px, ${drag.transform.y}px)` } : undefined}
      className={`border-y-2 border-transparent bg-white px-3 py-3 sm:px-4 ${dropLine} ${drag.isDragging ? "relative z-10 rounded-md opacity-90 shadow-lg ring-1 ring-slate-200" : ""}`}>
      <form onSubmit={onSubmit} noValidate onKeyDown={(e) => { if (e.key === "Escape" && dirty) { e.preventDefault(); reset(); } }}
        className={`grid grid-cols-3 gap-2 sm:items-start sm:gap-3 ${STAGE_GRID}`}>
        <div className="col-span-3 flex items-start gap-2 sm:col-span-1">
          <button type="button" ref={drag.setNodeRef} {...drag.attributes} {...drag.listeners} aria-label={`Drag ${stage.name} to reorder`}
            title="Drag to reorder" className="mt-6 flex h-9 w-6 shrink-0 cursor-grab touch-none items-center justify-center rounded text-slate-400 hover:bg-slate-100 hover:text-slate-600 active:cursor-grabbing sm:mt-0">
            <span aria-hidden="true">⠿</span>
          </button>
          <div className="min-w-0 flex-1">
            <label htmlFor={`${id}-name`} className={label}>Name{of}</label>
            <input id={`${id}-name`} name="name" value={draft.name} maxLength={100} required className="input" autoComplete="off"
              aria-invalid={errors.name ? true : undefined} aria-describedby={describe("name")} onChange={(e) => set("name", e.target.value)} />
            {fieldError("name")}
            <p className="mt-1 text-xs text-slate-500">
              Stage {index + 1} of {count} · {stage.dealCount} {stage.dealCount === 1 ? "deal" : "deals"}
              {dirty ? <span className="ml-1 font-medium text-amber-700">· Unsaved changes</span> : null}
            </p>
          </div>
        </div>
        <div>
          <label htmlFor={`${id}-probability`} className={label}>Probability (%){of}</label>
          <input id={`${id}-probability`} name="probability" type="number" inputMode="numeric" min={0} max={100} step={1} value={draft.probability} className="input"
            aria-invalid={errors.probability ? true : undefined} aria-describedby={describe("probability")} onChange={(e) => set("probability", e.target.value)} />
          {fieldError("probability")}
        </div>
        <div>
          <label htmlFor={`${id}-rotting`} className={label}>Rotting after (days){of}</label>
          <input id={`${id}-rotting`} name="rottingDays" type="number" inputMode="numeric" min={1} step={1} placeholder="Never" value={draft.rottingDays} className="input"
            aria-invalid={errors.rottingDays ? true : undefined} aria-describedby={describe("rottingDays")} onChange={(e) => set("rottingDays", e.target.value)} />
          {fieldError("rottingDays")}
        </div>
        <div>
          <label htmlFor={`${id}-kind`} className={label}>Type{of}</label>
          <select id={`${id}-kind`} name="kind" value={draft.kind} className="input" aria-invalid={errors.kind ? true : undefined} aria-describedby={describe("kind")}
            onChange={(e) => set("kind", e.target.value)}>
            <option value="open">Open</option>
            <option value="won">Won</option>
            <option value="lost">Lost</option>
          </select>
          {fieldError("kind")}
        </div>
        <div className="col-span-3 flex flex-wrap items-center justify-end gap-1 sm:col-span-1">
          {dirty ? (
            <>
              <button type="submit" className="btn-primary h-9 px-3 py-0" disabled={update.isPending}>Save<span className="sr-only"> {stage.name}</span></button>
              <button type="button" className="btn-secondary h-9 px-3 py-0" onClick={reset}>Undo<span className="sr-only"> changes to {stage.name}</span></button>
            </>
          ) : null}
          <button type="button" ref={(el) => registerMoveButtons(stage.id, "up", el)} className={iconButton} disabled={index === 0}
            aria-label={`Move ${stage.name} up`} title="Move up" onClick={() => onMove(stage, { delta: -1 })}><span aria-hidden="true">↑</span></button>
          <button type="button" ref={(el) => registerMoveButtons(stage.id, "down", el)} className={iconButton} disabled={index === count - 1}
            aria-label={`Move ${stage.name} down`} title="Move down" onClick={() => onMove(stage, { delta: 1 })}><span aria-hidden="true">↓</span></button>
          <button type="button" className={`${iconButton} text-red-700 hover:bg-red-50`} aria-label={`Delete ${stage.name}`} title="Delete stage"
            onClick={() => onDelete(stage)}><span aria-hidden="true">✕</span></button>
        </div>
        {errors.form ? <p role="alert" className="col-span-3 text-sm text-red-600 sm:col-span-5">{errors.form}</p> : null}
      </form>
    </li>
  );
}

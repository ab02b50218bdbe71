"use client";

import {
  type Announcements, DndContext, type DragEndEvent, KeyboardSensor, PointerSensor, closestCenter, useSensor, useSensors,
} from "@dnd-kit/core";
import { useCallback, useLayoutEffect, useRef, useState } from "react";
import { api } from "@/trpc/react";
import { AddStageForm } from "./add-stage-form";
import { DeleteStageDialog } from "./delete-stage-dialog";
import { moveItem } from "./move-item";
import { type MoveButtons, STAGE_GRID, StageRow } from "./stage-row";
import type { PipelineSettings, StageSettings } from "./types";
import type { Latest, Save } from "./use-settings-saver";

const nameOf = (data: unknown) => (data as { name?: string } | undefined)?.name ?? "The stage";
const indexOf = (data: unknown) => ((data as { index?: number } | undefined)?.index ?? 0) + 1;

/**
 * One pipeline's stages in board order. Reorder by dragging the handle (mouse, touch, or
 * Space then arrow keys) or with the move buttons; every order is saved whole, so the
 * server's positions are always 0..n-1.
 */
export function StageEditor({ pipeline, save, latest }: { pipeline: PipelineSettings; save: Save; latest: Latest }) {
  const reorder = api.pipelines.reorderStages.useMutation();
  const [deleting, setDeleting] = useState<StageSettings | null>(null);
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }), useSensor(KeyboardSensor));
  const stages = pipeline.stages;
  const count = stages.length;

  // A moved row is re-inserted in the DOM, which can drop focus; put it back on the same button
  // (or its sibling, once the row reaches an end and that button is disabled).
  const moveButtons = useRef(new Map<string, MoveButtons>());
  const refocus = useRef<{ stageId: string; which: keyof MoveButtons } | null>(null);
  const registerMoveButtons = useCallback((stageId: string, which: keyof MoveButtons, button: HTMLButtonElement | null) => {
    const entry = moveButtons.current.get(stageId) ?? { up: null, down: null };
    entry[which] = button;
    moveButtons.current.set(stageId, entry);
  }, []);
  useLayoutEffect(() => {
    const want = refocus.current;
    if (!want) return;
    refocus.current = null;
    const buttons = moveButtons.current.get(want.stageId);
    const first = buttons?.[want.which];
    const other = buttons?.[want.which === "up" ? "down" : "up"];
    (first && !first.disabled ? first : other)?.focus();
  }, [stages]);

  /** Moves by `delta` places or onto `overId`'s place, counted in the latest order, not this render's. */
  function move(stage: StageSettings, target: { delta: number } | { overId: string }) {
    const current = latest()?.find((p) => p.id === pipeline.id)?.stages ?? stages;
    const from = current.findIndex((s) => s.id === stage.id);
    const to = "delta" in target ? from + target.delta : current.findIndex((s) => s.id === target.overId);
    if (from < 0 || to < 0 || to >= current.length || to === from) return;
    const order = moveItem(current, from, to);
    const buttons = moveButtons.current.get(stage.id);
    const which = buttons?.up === document.activeElement ? "up" : buttons?.down === document.activeElement ? "down" : null;
    if (which) refocus.current = { stageId: stage.id, which };
    save({
      optimistic: (all) => all.map((p) => (p.id === pipeline.id ? { ...p, stages: order.map((s, position) => ({ ...s, position })) } : p)),
      run: () => reorder.mutateAsync({ pipelineId: pipeline.id, stageIds: order.map((s) => s.id) }),
      done: `Saved the order: ${stage.name} is now stage ${to + 1} of ${order.length}.`,
      failed: `Could not move ${stage.name}`,
    }).catch(() => undefined);
  }

  function onDragEnd(event: DragEndEvent) {
    const stage = stages.find((s) => s.id === event.active.id);
    if (stage && event.over) move(stage, { overId: String(event.over.id) });
  }

  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up ${nameOf(active.data.current)}, stage ${indexOf(active.data.current)} of ${count}.`,
    onDragOver: ({ active, over }) => (over ? `${nameOf(active.data.current)} would move to stage ${indexOf(over.data.current)} of ${count}.` : `${nameOf(active.data.current)} is not over a stage.`),
    onDragEnd: ({ active, over }) => (over ? `${nameOf(active.data.current)} dropped at stage ${indexOf(over.data.current)} of ${count}.` : `${nameOf(active.data.current)} dropped where it was.`),
    onDragCancel: ({ active }) => `Moving ${nameOf(active.data.current)} was cancelled; it is back where it was.`,
  };

  return (
    <section aria-labelledby="stages-heading" className="card overflow-hidden">
      <header className="border-b border-slate-200 px-4 py-3">
        <h3 id="stages-heading" className="font-semibold">Stages</h3>
        <p className="text-sm text-slate-600">
          In board order. Deals in an open stage take its probability; won and lost stages close a deal. A deal is flagged as rotting after the given days in a stage.
        </p>
      </header>
      <div aria-hidden="true" className={`hidden border-b border-slate-200 bg-slate-50 px-4 py-2 text-xs font-medium uppercase tracking-wide text-slate-500 sm:grid sm:gap-3 ${STAGE_GRID}`}>
        <span className="pl-8">Stage</span><span>Probability %</span><span>Rotting after (days)</span><span>Type</span><span className="text-right">Actions</span>
      </div>
      <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}
        accessibility={{ announcements, screenReaderInstructions: { draggable: "Press space to pick up a stage, the up and down arrow keys to move it, space again to drop it, escape to cancel. The move up and move down buttons do the same." } }}>
        <ol aria-label={`Stages of ${pipeline.name}`} className="divide-y divide-slate-100">
          {stages.map((stage, index) => (
            <StageRow key={stage.id} pipeline={pipeline} stage={stage} index={index} save={save}
              onMove={move} onDelete={setDeleting} registerMoveButtons={registerMoveButtons} />
          ))}
        </ol>
        {count === 0 ? <p className="px-4 py-8 text-center text-sm text-slate-500">No stages yet. Add the first one below.</p> : null}
      </DndContext>
      <AddStageForm pipeline={pipeline} save={save} />
      <DeleteStageDialog pipeline={pipeline} stage={deleting} save={save} onClose={() => setDeleting(null)} />
    </section>
  );
}

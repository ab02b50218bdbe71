"use client";

import { DndContext, type DragEndEvent, KeyboardSensor, PointerSensor, useDraggable, useDroppable, useSensor, useSensors } from "@dnd-kit/core";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { formatMoney } from "@/lib/money";
import { api } from "@/trpc/react";

export interface BoardStage {
  id: string;
  name: string;
  probability: number;
  rottingDays: number | null;
  isWon: boolean;
  isLost: boolean;
  count: number;
  value: string;
  cards: { id: string; name: string; value: string; currency: string; expected_close_date: Date | null; stage_entered_at: Date; company_name: string | null; owner_name: string | null }[];
}

type Card = BoardStage["cards"][number];

const DAY = 86_400_000;
// Optimistic totals in whole cents until the server's exact sums arrive with the refresh.
const addMoney = (a: string, b: string, sign: 1 | -1) => ((Math.round(Number(a) * 100) + sign * Math.round(Number(b) * 100)) / 100).toFixed(2);

function DealCard({ card, orgSlug, rotting }: { card: Card; orgSlug: string; rotting: number | null }) {
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({ id: card.id, data: { card } });
  // The whole card drags; a plain click (no movement) still opens the deal, a drop does not.
  const dragged = useRef(false);
  useEffect(() => {
    if (isDragging) dragged.current = true;
  }, [isDragging]);
  const days = Math.floor((Date.now() - new Date(card.stage_entered_at).getTime()) / DAY);
  const rotten = rotting !== null && days > rotting;
  return (
    <li ref={setNodeRef} {...attributes} {...listeners} aria-roledescription="Draggable deal"
      style={transform ? { transform: `translate(${transform.x}px, ${transform.y}px)` } : undefined}
      className={`rounded-md border bg-white p-3 text-sm shadow-sm ${isDragging ? "z-10 opacity-80 shadow-lg" : ""} ${rotten ? "border-amber-400" : "border-slate-200"}`}>
      <Link href={`/${orgSlug}/deals/${card.id}`} className="font-medium text-slate-900 hover:underline"
        onClick={(e) => { if (dragged.current) { e.preventDefault(); dragged.current = false; } }}>{card.name}</Link>
      <p className="text-slate-600">{formatMoney(card.value, card.currency)}{card.company_name ? ` · ${card.company_name}` : ""}</p>
      <p className="mt-1 flex justify-between text-xs text-slate-500">
        <span>{card.owner_name ?? "Unassigned"}</span>
        <span className={rotten ? "font-medium text-amber-700" : ""}>{days}d in stage</span>
      </p>
    </li>
  );
}

function StageColumn({ stage, orgSlug }: { stage: BoardStage; orgSlug: string }) {
  const { setNodeRef, isOver } = useDroppable({ id: stage.id, data: { stage } });
  const closed = stage.isWon || stage.isLost;
  return (
    <section ref={setNodeRef} aria-label={`${stage.name}: ${stage.count} deals`}
      className={`flex max-h-[calc(100vh-15rem)] min-h-64 shrink-0 flex-col rounded-lg border ${isOver ? "border-brand-500 bg-brand-50" : "border-slate-200 bg-slate-100"} ${closed ? "w-40" : "w-64"}`}>
      <header className="border-b border-slate-200 p-3">
        <h2 className="flex items-center justify-between font-semibold">
          <span>{stage.name}</span>
          {!closed ? <span className="rounded-full bg-white px-2 text-xs font-medium text-slate-600">{stage.count}</span> : null}
        </h2>
        <p className="text-xs text-slate-500">{closed ? `Drop here to mark ${stage.isWon ? "won" : "lost"}` : `${formatMoney(stage.value, "USD", true)} · ${stage.probability}%`}</p>
      </header>
      {!closed ? (
        <ul className="flex min-h-24 flex-1 flex-col gap-2 overflow-y-auto p-2">
          {stage.cards.map((card) => <DealCard key={card.id} card={card} orgSlug={orgSlug} rotting={stage.rottingDays} />)}
          {stage.count > stage.cards.length ? <li className="px-1 text-xs text-slate-500">and {stage.count - stage.cards.length} more (use the table view)</li> : null}
          {stage.count === 0 ? <li className="px-1 py-4 text-center text-xs text-slate-400">No deals</li> : null}
        </ul>
      ) : <div className="min-h-24 flex-1" />}
    </section>
  );
}

/** The kanban: drag a deal to another stage; the move shows at once and is undone if refused. */
export function Board({ orgSlug, initial }: { orgSlug: string; initial: BoardStage[] }) {
  const router = useRouter();
  const [stages, setStages] = useState(initial);
  const [error, setError] = useState<string>();
  const [pendingLoss, setPendingLoss] = useState<{ card: Card; from: string; to: string }>();
  const lossDialog = useRef<HTMLDialogElement>(null);
  const move = api.opportunities.move.useMutation();
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }), useSensor(KeyboardSensor));

  useEffect(() => setStages(initial), [initial]);
  useEffect(() => {
    if (pendingLoss) lossDialog.current?.showModal();
  }, [pendingLoss]);

  const apply = (card: Card, from: string, to: string) =>
    setStages((current) => current.map((s) => {
      if (s.id === from) return { ...s, count: s.count - 1, value: addMoney(s.value, card.value, -1), cards: s.cards.filter((c) => c.id !== card.id) };
      if (s.id === to) {
        const closed = s.isWon || s.isLost;
        return { ...s, count: s.count + 1, value: addMoney(s.value, card.value, 1), cards: closed ? s.cards : [{ ...card, stage_entered_at: new Date() }, ...s.cards] };
      }
      return s;
    }));

  async function commit(card: Card, from: string, to: string, reason?: string, competitorWon?: string) {
    const snapshot = stages;
    setError(undefined);
    apply(card, from, to);
    try {
      await move.mutateAsync({ id: card.id, stageId: to, reason, competitorWon });
      router.refresh();
    } catch (e) {
      setStages(snapshot);
      setError(`Could not move ${card.name}: ${e instanceof Error ? e.message : "the server refused"}. It is back where it was.`);
    }
  }

  function onDragEnd(event: DragEndEvent) {
    const card = event.active.data.current?.card as Card | undefined;
    const to = event.over?.id as string | undefined;
    const from = stages.find((s) => s.cards.some((c) => c.id === card?.id))?.id;
    if (!card || !to || !from || to === from) return;
    if (stages.find((s) => s.id === to)?.isLost) setPendingLoss({ card, from, to });
    else void commit(card, from, to);
  }

  return (
    <div>
      {error ? <div role="alert" className="mb-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">{error}</div> : null}
      <DndContext sensors={sensors} onDragEnd={onDragEnd}
        accessibility={{ screenReaderInstructions: { draggable: "Press space to pick up a deal, arrow keys to move it, space again to drop it on a stage, escape to cancel." } }}>
        <div className="flex select-none items-start gap-3 overflow-x-auto pb-4">
          {stages.map((stage) => <StageColumn key={stage.id} stage={stage} orgSlug={orgSlug} />)}
        </div>
      </DndContext>
      <dialog ref={lossDialog} aria-labelledby="loss-title" className="w-full max-w-md rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40" onClose={() => setPendingLoss(undefined)}>
        <form className="space-y-4 p-6" onSubmit={(e) => {
          e.preventDefault();
          const data = new FormData(e.currentTarget);
          const reason = String(data.get("reason") ?? "").trim();
          if (!pendingLoss || !reason) return;
          void commit(pendingLoss.card, pendingLoss.from, pendingLoss.to, reason, String(data.get("competitor") ?? "").trim() || undefined);
          lossDialog.current?.close();
        }}>
          <h2 id="loss-title" className="text-lg font-semibold">Why was {pendingLoss?.card.name} lost?</h2>
          <div>
            <label htmlFor="loss-reason" className="mb-1 block text-sm font-medium">Reason</label>
            <input id="loss-reason" name="reason" required maxLength={500} className="input" autoFocus />
          </div>
          <div>
            <label htmlFor="loss-competitor" className="mb-1 block text-sm font-medium">Competitor who won (optional)</label>
            <input id="loss-competitor" name="competitor" maxLength={255} className="input" />
          </div>
          <div className="flex justify-end gap-2">
            <button type="button" className="btn-secondary" onClick={() => lossDialog.current?.close()}>Cancel</button>
            <button type="submit" className="btn-primary">Mark as lost</button>
          </div>
        </form>
      </dialog>
    </div>
  );
}

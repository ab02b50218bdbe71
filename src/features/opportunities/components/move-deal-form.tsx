"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { api } from "@/trpc/react";

/** Moving a deal without dragging: pick the stage, say why when it is lost. */
export function MoveDealForm({ dealId, currentStageId, stages }: {
  dealId: string;
  currentStageId: string;
  stages: { id: string; name: string; isLost: boolean }[];
}) {
  const router = useRouter();
  const [stageId, setStageId] = useState(currentStageId);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string>();
  const move = api.opportunities.move.useMutation();
  const lost = stages.find((s) => s.id === stageId)?.isLost ?? false;
  return (
    <form className="flex flex-wrap items-end gap-3" aria-label="Move deal" onSubmit={async (e) => {
      e.preventDefault();
      setError(undefined);
      try {
        await move.mutateAsync({ id: dealId, stageId, reason: reason || undefined });
        setReason("");
        router.refresh();
      } catch (err) {
        setError(err instanceof Error ? err.message : "The move was refused");
      }
    }}>
      <div>
        <label htmlFor="move-stage" className="mb-1 block text-sm font-medium">Stage</label>
        <select id="move-stage" className="input" value={stageId} onChange={(e) => setStageId(e.target.value)}>
          {stages.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
        </select>
      </div>
      {lost ? (
        <div className="min-w-[14rem] flex-1">
          <label htmlFor="move-reason" className="mb-1 block text-sm font-medium">Why was it lost?</label>
          <input id="move-reason" className="input" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
        </div>
      ) : null}
      <button type="submit" className="btn-primary" disabled={move.isPending || stageId === currentStageId}>Move</button>
      {error ? <p role="alert" className="w-full text-sm text-red-600">{error}</p> : null}
    </form>
  );
}

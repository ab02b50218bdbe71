"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { useHydrated } from "@/components/use-hydrated";
import { api } from "@/trpc/react";

/** Archive (off the board, kept for reports) or delete a deal. */
export function DealActions({ orgSlug, dealId, name, pipelineId, archived, canDelete }: {
  orgSlug: string; dealId: string; name: string; pipelineId: string; archived: boolean; canDelete: boolean;
}) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [error, setError] = useState<string | null>(null);
  const archive = api.opportunities.archive.useMutation({ onSuccess: () => router.refresh(), onError: (e) => setError(e.message) });
  const remove = api.opportunities.delete.useMutation();
  return (
    <div className="flex flex-wrap items-center gap-2">
      <button type="button" className="btn-secondary" disabled={!hydrated || archive.isPending} onClick={() => { setError(null); archive.mutate({ id: dealId, archived: !archived }); }}>
        {archived ? "Restore to board" : "Archive"}
      </button>
      {canDelete ? (
        <ConfirmButton label="Delete" title={`Delete ${name}?`} confirmLabel="Delete deal"
          body={<p>This removes the deal with its stage history, interactions and tasks. Archive it instead to keep it in reports. This cannot be undone.</p>}
          onConfirm={async () => {
            await remove.mutateAsync({ id: dealId });
            router.push(`/${orgSlug}/pipeline/${pipelineId}`);
            router.refresh();
          }} />
      ) : null}
      {error ? <p role="alert" className="text-sm text-red-600">{error}</p> : null}
    </div>
  );
}

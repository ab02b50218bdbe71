"use client";

import { useState } from "react";
import { useHydrated } from "@/components/use-hydrated";
import { api } from "@/trpc/react";
import { PipelineDetails } from "./pipeline-details";
import { PipelineList } from "./pipeline-list";
import { StageEditor } from "./stage-editor";
import type { PipelineSettings as Settings } from "./types";
import { useSettingsSaver } from "./use-settings-saver";

/**
 * Pipeline settings: the list of pipelines beside the selected one's details and stages.
 * Starts from the server-rendered settings and keeps them in the query cache, which the
 * saver edits optimistically and refetches once changes settle.
 */
export function PipelineSettings({ orgSlug, initial, initialSelectedId }: { orgSlug: string; initial: Settings[]; initialSelectedId?: string }) {
  const query = api.pipelines.settings.useQuery(undefined, { initialData: initial });
  const pipelines = query.data;
  const { save, latest, busy, status, error, dismissError } = useSettingsSaver();
  const [selectedId, setSelectedId] = useState(initialSelectedId);
  const hydrated = useHydrated();
  const selected = pipelines.find((p) => p.id === selectedId) ?? pipelines.find((p) => p.isDefault) ?? pipelines[0];

  function select(id: string | undefined) {
    setSelectedId(id);
    // Keeps the choice across a reload without a server round trip.
    window.history.replaceState(null, "", id ? `?pipeline=${id}` : window.location.pathname);
  }

  return (
    <div className="space-y-4">
      <p role="status" className="min-h-5 text-sm text-slate-600">{busy ? "Saving…" : status}</p>
      {error ? (
        <div role="alert" className="flex items-start justify-between gap-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
          <span>{error}</span>
          <button type="button" className="shrink-0 font-medium underline" onClick={dismissError}>Dismiss</button>
        </div>
      ) : null}
      {query.isError && !query.isFetching ? (
        <div role="alert" className="flex items-start justify-between gap-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-800">
          <span>Could not load the latest pipelines ({query.error.message}). What you see may be out of date.</span>
          <button type="button" className="shrink-0 font-medium underline" onClick={() => void query.refetch()}>Try again</button>
        </div>
      ) : null}
      {/* Every control here needs JavaScript: disabled until React runs, so an early click or keystroke is not lost. */}
      <fieldset disabled={!hydrated} className="min-w-0">
        <div className="grid items-start gap-6 lg:grid-cols-[18rem_minmax(0,1fr)]">
          <PipelineList pipelines={pipelines} selectedId={selected?.id} onSelect={select} save={save} latest={latest} />
          {selected ? (
            <div className="min-w-0 space-y-6">
              <PipelineDetails key={`details-${selected.id}`} orgSlug={orgSlug} pipeline={selected} pipelines={pipelines} save={save} onDeleted={select} />
              <StageEditor key={`stages-${selected.id}`} pipeline={selected} save={save} latest={latest} />
            </div>
          ) : null}
        </div>
      </fieldset>
    </div>
  );
}

"use client";

import { useCallback, useRef, useState } from "react";
import { api } from "@/trpc/react";
import type { PipelineSettings } from "./types";

export interface SaveStep<T> {
  /** Applied to the cached settings at once; undone if the server refuses. */
  optimistic?: (settings: PipelineSettings[]) => PipelineSettings[];
  run: () => Promise<T>;
  /** Announced when the server accepts. */
  done: string | ((result: T) => string);
  /** Shown with the server's reason when it refuses; omit when a form shows the error itself. */
  failed?: string;
}

export type Save = <T>(step: SaveStep<T>) => Promise<T>;
export type Latest = () => PipelineSettings[] | undefined;

/**
 * Every change on the settings page goes through one queue: requests reach the server in the
 * order they were made (two quick reorders cannot land the wrong way round), optimistic edits
 * show at once, and the settings are refetched once the queue drains, so the cache ends on the
 * server's truth whatever was refused on the way.
 */
export function useSettingsSaver() {
  const utils = api.useUtils();
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const pending = useRef(0);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState("");
  const [error, setError] = useState("");

  const save = useCallback<Save>(async (step) => {
    pending.current += 1;
    setBusy(true);
    setError("");
    const run = queue.current.catch(() => undefined).then(step.run);
    queue.current = run;
    // Handled below, after the optimistic edit; this only keeps the browser from reporting it early.
    run.catch(() => undefined);
    let before: PipelineSettings[] | undefined;
    if (step.optimistic) {
      // A refetch landing after the optimistic edit would overwrite it with stale data.
      // Cancelling reverts synchronously, so the edit can follow at once: a second click
      // in the same instant then builds on this one (see `latest`).
      void utils.pipelines.settings.cancel();
      before = utils.pipelines.settings.getData();
      if (before) utils.pipelines.settings.setData(undefined, step.optimistic(before));
    }
    try {
      const result = await run;
      setStatus(typeof step.done === "function" ? step.done(result) : step.done);
      return result;
    } catch (e) {
      if (before) utils.pipelines.settings.setData(undefined, before);
      if (step.failed) setError(`${step.failed}: ${e instanceof Error ? e.message : "the server refused"}. Nothing was changed.`);
      setStatus("");
      throw e;
    } finally {
      pending.current -= 1;
      if (pending.current === 0) {
        setBusy(false);
        void utils.pipelines.settings.invalidate();
      }
    }
  }, [utils]);

  /** The settings as they stand after every optimistic edit so far, even before React re-renders. */
  const latest = useCallback(() => utils.pipelines.settings.getData(), [utils]);

  return { save, latest, busy, status, error, dismissError: () => setError("") };
}

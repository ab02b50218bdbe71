// How work in the background shows it is alive, and how this process lets go of it.
//
// A worker stamps its row's heartbeat_at every HEARTBEAT_MS (and with every batch); the sweep on
// any server takes work whose heartbeat is older than STALE_AFTER_MS as dead. Both are measured
// on the database's clock, so servers' clocks need not agree.
//
// Every run registers here; stopping the job queue abandons them: each stops at its next batch
// boundary without writing anything more, exactly as if the process had died, and the sweep
// resumes it later (here or on another server).

const numberFromEnv = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};

export const HEARTBEAT_MS = numberFromEnv("PARLEY_JOB_HEARTBEAT_MS", 10_000);
/** Six missed heartbeats; longer than any one batch transaction may take (20 s). */
export const STALE_AFTER_MS = numberFromEnv("PARLEY_JOB_STALE_AFTER_MS", HEARTBEAT_MS * 6);

/** Thrown inside a run that was abandoned (process stopping) or superseded (requeued elsewhere). */
export class Abandoned extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "Abandoned";
  }
}

const inFlight = new Map<AbortController, Promise<unknown>>();

/** Runs `work` as a tracked run: `stopInFlightRuns` can abandon it. */
export function trackRun<T>(work: (run: AbortController) => Promise<T>): Promise<T> {
  const run = new AbortController();
  const promise = work(run).finally(() => inFlight.delete(run));
  inFlight.set(run, promise.catch(() => undefined));
  return promise;
}

/** Abandons every run of this process and waits until each has let go. */
export async function stopInFlightRuns(): Promise<void> {
  for (const run of inFlight.keys()) run.abort(new Abandoned("this server is stopping"));
  await Promise.all(inFlight.values());
}

export function throwIfAbandoned(signal: AbortSignal): void {
  if (signal.aborted) throw signal.reason instanceof Abandoned ? signal.reason : new Abandoned(String(signal.reason));
}

/**
 * Calls `beat` every `intervalMs` until stopped. `beat` answers whether this run still owns its
 * row; when it does not (the sweep gave the work to another job), the run is aborted.
 */
export function startHeartbeat(run: AbortController, beat: () => Promise<boolean>, intervalMs = HEARTBEAT_MS): () => void {
  let beating = false;
  const timer = setInterval(async () => {
    if (beating || run.signal.aborted) return;
    beating = true;
    try {
      if (!(await beat())) run.abort(new Abandoned("the work was handed to another job"));
    } catch (error) {
      // A missed beat is not death: the sweep allows several.
      console.error("job heartbeat failed:", error instanceof Error ? error.message : error);
    } finally {
      beating = false;
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

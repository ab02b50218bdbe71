// Keeps `npm start`'s embedded PostgreSQL up: when it exits without being asked to (a crash,
// somebody's kill), it is started again, after a pause that doubles while restarts keep failing
// or the server keeps dying young. The app's connection pool reconnects by itself meanwhile.
import type { EmbeddedDatabase } from "./embedded";

export interface SupervisorOptions {
  log: (line: string) => void;
  /** The pause before the first restart, doubled up to `maxDelayMs` (defaults: 1 s, 30 s). */
  firstDelayMs?: number;
  maxDelayMs?: number;
  /** A server that ran this long before it died starts the pauses over (default: a minute). */
  healthyAfterMs?: number;
  /** Restarts that fail in a row before giving up (default 10); then `onGiveUp` hears why. */
  maxFailedRestarts?: number;
  onGiveUp?: (error: Error) => void;
}

export interface Supervisor {
  /** No more restarts; waits for one in progress to finish (so the caller can then stop the server). */
  stop(): Promise<void>;
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function superviseEmbeddedPostgres(db: EmbeddedDatabase, options: SupervisorOptions): Supervisor {
  const firstDelay = options.firstDelayMs ?? 1_000;
  const maxDelay = options.maxDelayMs ?? 30_000;
  const healthyAfter = options.healthyAfterMs ?? 60_000;
  const maxFailed = options.maxFailedRestarts ?? 10;
  let stopped = false;
  let delay = firstDelay;
  let upSince = Date.now();
  let restarting: Promise<void> | null = null;
  let wake: (() => void) | null = null;
  // A pause that stop() cuts short.
  const pause = (ms: number) => new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    wake = () => { clearTimeout(timer); resolve(); };
  });

  async function restart(how: string) {
    if (Date.now() - upSince >= healthyAfter) delay = firstDelay;
    options.log(`Embedded PostgreSQL stopped unexpectedly (${how}); restarting it in ${delay / 1000} s.`);
    for (let failed = 0; ; ) {
      await pause(delay);
      if (stopped) return;
      delay = Math.min(delay * 2, maxDelay);
      try {
        await db.restart();
        upSince = Date.now();
        options.log(`Embedded PostgreSQL is running again (process ${db.pid()}).`);
        return;
      } catch (error) {
        if (stopped) return;
        if (++failed >= maxFailed) {
          options.onGiveUp?.(new Error(`the embedded PostgreSQL did not restart after ${failed} tries: ${describe(error)}`));
          return;
        }
        options.log(`Embedded PostgreSQL did not restart (${describe(error).split("\n")[0]}); trying again in ${delay / 1000} s.`);
      }
    }
  }

  // An exit while a restart is finishing (the new server died at once) is handled right after it.
  let exitDuringRestart: string | null = null;
  const onExit = (how: string) => {
    if (stopped) return;
    if (restarting) {
      exitDuringRestart = how;
      return;
    }
    restarting = restart(how).finally(() => {
      restarting = null;
      const next = exitDuringRestart;
      exitDuringRestart = null;
      if (next) onExit(next);
    });
  };
  db.onUnexpectedExit(onExit);

  return {
    async stop() {
      stopped = true;
      wake?.();
      await restarting;
    },
  };
}

// Whether the database answers, for the health endpoint (/api/health). The probe has its own
// one-connection pool as the app role, so it never queues behind (or takes a connection from)
// the requests' pool; `SELECT 1` under a short deadline, so a hung server cannot hang the
// probe; and one probe at a time: concurrent callers share the one in flight.
import pg from "pg";
import { appDatabaseUrl } from "./config";

export const HEALTH_TIMEOUT_MS = Number(process.env.PARLEY_HEALTH_TIMEOUT_MS ?? 2_000);

// On globalThis so `next dev` reloads reuse it.
const globals = globalThis as unknown as { parleyHealthPool?: pg.Pool; parleyHealthProbe?: Promise<boolean> | null };

function healthPool(timeoutMs: number): pg.Pool {
  if (!globals.parleyHealthPool) {
    const pool = new pg.Pool({
      connectionString: appDatabaseUrl(),
      max: 1,
      connectionTimeoutMillis: timeoutMs,
      query_timeout: timeoutMs,
      idleTimeoutMillis: 30_000,
      allowExitOnIdle: true,
    });
    // A connection the server dropped while idle is replaced on the next probe.
    pool.on("error", () => {});
    globals.parleyHealthPool = pool;
  }
  return globals.parleyHealthPool;
}

async function probe(timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    const answered = Promise.resolve()
      .then(() => healthPool(timeoutMs).query("SELECT 1"))
      .then(() => true, () => false);
    return await Promise.race([answered, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

export function databaseReachable(timeoutMs = HEALTH_TIMEOUT_MS): Promise<boolean> {
  globals.parleyHealthProbe ??= probe(timeoutMs).finally(() => {
    globals.parleyHealthProbe = null;
  });
  return globals.parleyHealthProbe;
}

/** Ends the probe's pool (tests, shutdown). */
export async function closeHealthPool(): Promise<void> {
  const pool = globals.parleyHealthPool;
  globals.parleyHealthPool = undefined;
  await pool?.end();
}

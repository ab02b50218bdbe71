// Sign-in and API throttling counters. A global table the app role reaches with plain grants:
// counting attempts needs no view across organizations, so it needs no BYPASSRLS.
import "server-only";
import { appDb } from "./client";

/**
 * Counts one attempt against `key` in a fixed window. Over `limit`, refuses and says how
 * long until the window resets. One statement, so concurrent attempts count correctly.
 */
export async function hitRateLimit(key: string, limit: number, windowMs: number): Promise<{ allowed: boolean; attempts: number; retryAfterSeconds: number }> {
  const rows = await appDb().$queryRaw<{ attempts: number; window_started_at: Date }[]>`
    INSERT INTO auth_rate_limits AS r (key, window_started_at, attempts) VALUES (${key}, now(), 1)
    ON CONFLICT (key) DO UPDATE SET
      attempts = CASE WHEN r.window_started_at <= now() - make_interval(secs => ${windowMs / 1000}) THEN 1 ELSE r.attempts + 1 END,
      window_started_at = CASE WHEN r.window_started_at <= now() - make_interval(secs => ${windowMs / 1000}) THEN now() ELSE r.window_started_at END
    RETURNING attempts, window_started_at`;
  const row = rows[0]!;
  const resetAt = row.window_started_at.getTime() + windowMs;
  return { allowed: row.attempts <= limit, attempts: row.attempts, retryAfterSeconds: Math.max(1, Math.ceil((resetAt - Date.now()) / 1000)) };
}

/** Reads a counter without counting: used to refuse while an unknown email is "locked". */
export async function peekRateLimit(key: string, windowMs: number): Promise<number> {
  const row = await appDb().authRateLimit.findUnique({ where: { key } });
  if (!row || row.windowStartedAt.getTime() + windowMs <= Date.now()) return 0;
  return row.attempts;
}

/** A backoff counter: consecutive failures, and the time before which no attempt is taken. */
export interface BackoffRow {
  failures: number;
  waitUntil: Date | null;
}

/**
 * Reads the backoff counter at `key` under a row lock and stores what `update` makes of it
 * (null deletes it), in one transaction: concurrent attempts on one key are counted in turn.
 */
export async function updateBackoff<T>(key: string, update: (row: BackoffRow, now: Date) => { row: BackoffRow | null; result: T }): Promise<T> {
  return appDb().$transaction(async (tx) => {
    await tx.$executeRaw`INSERT INTO auth_rate_limits (key, attempts) VALUES (${key}, 0) ON CONFLICT (key) DO NOTHING`;
    const [current] = await tx.$queryRaw<{ attempts: number; wait_until: Date | null }[]>`
      SELECT attempts, wait_until FROM auth_rate_limits WHERE key = ${key} FOR UPDATE`;
    const { row, result } = update({ failures: current?.attempts ?? 0, waitUntil: current?.wait_until ?? null }, new Date());
    if (row) await tx.authRateLimit.update({ where: { key }, data: { attempts: row.failures, waitUntil: row.waitUntil } });
    else await tx.authRateLimit.deleteMany({ where: { key } });
    return result;
  });
}

export async function clearRateLimit(key: string): Promise<void> {
  await appDb().authRateLimit.deleteMany({ where: { key } });
}

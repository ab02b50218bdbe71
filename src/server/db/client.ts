// The only place a PrismaClient is constructed. Tenant code receives a scoped transaction
// from ./tenant.ts; auth, signup, webhooks and jobs go through named functions in ./system/.
import { AsyncLocalStorage } from "node:async_hooks";
import { createHash } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/generated/prisma/client";
import { CONNECT_TIMEOUT_MS, STATEMENT_TIMEOUT_MS, appDatabaseUrl, systemDatabaseUrl } from "./config";

export type Db = PrismaClient;

/**
 * Settings for the next transaction begun in this async context: withOrg puts its
 * set_config(...) here and the connection sends it in the same round trip as BEGIN, saving a
 * query per unit of work. `applied` tells withOrg it happened; if not, it sets them itself.
 */
export const transactionSettings = new AsyncLocalStorage<{ sql: string; applied: boolean }>();

class SettingsAwareClient extends pg.Client {
  // Prisma's query interpreter issues a transaction's relation queries concurrently; pg
  // deprecates queueing a query on a busy client (pg 9 will refuse), so promise-style
  // queries wait for the previous one here instead.
  private tail: Promise<unknown> = Promise.resolve();

  // pg's query() has many overloads; this only rewrites the adapter's plain "BEGIN".
  override query(...args: unknown[]): never {
    const [config] = args;
    if (config && typeof config === "object" && (config as { text?: string }).text === "BEGIN") {
      const pending = transactionSettings.getStore();
      if (pending && !pending.applied) {
        pending.applied = true;
        args[0] = { ...(config as object), text: `BEGIN; ${pending.sql}` };
      }
    }
    const run = () => (super.query as (...a: unknown[]) => Promise<unknown>)(...args);
    // Callback-style calls (pg-pool's own) and submittables (cursors) go straight through.
    const passThrough = typeof args[args.length - 1] === "function" || (config && typeof config === "object" && "submit" in config);
    if (passThrough) return run() as never;
    const result = this.tail.then(run, run);
    this.tail = result.catch(() => undefined);
    return result as never;
  }
}

/**
 * Parameterized queries run as named prepared statements, so each connection plans a query
 * once and reuses the plan: planning (which RLS makes dearer) otherwise costs as much as
 * executing these small queries. Statements without parameters (BEGIN, COMMIT) stay unnamed.
 */
function preparedStatementName(query: { sql: string; args: unknown[] }): string {
  if (query.args.length === 0) return "";
  return `p_${createHash("sha1").update(query.sql).digest("base64url")}`;
}

/**
 * Every interactive transaction's limits unless a call says otherwise: Prisma's own default (5 s)
 * is shorter than the statement timeout, so a loaded machine failed sign-ups midway.
 */
export const TRANSACTION_OPTIONS = { maxWait: 5_000, timeout: 20_000 } as const;

/** Exported for benchmarks that compare against a client without RLS; the app uses the two below. */
export function createClient(connectionString: string, max: number, { connectTimeoutMs = CONNECT_TIMEOUT_MS }: { connectTimeoutMs?: number } = {}): PrismaClient {
  const pool = new pg.Pool({
    connectionString,
    max,
    statement_timeout: STATEMENT_TIMEOUT_MS,
    // A server that is down or hung must fail requests (503, ./unreachable.ts), not hold them
    // forever: connecting gives up after CONNECT_TIMEOUT_MS, and a query the server stopped
    // answering is abandoned a little after the server would itself have cancelled it.
    connectionTimeoutMillis: connectTimeoutMs,
    query_timeout: STATEMENT_TIMEOUT_MS + 5_000,
    keepAlive: true,
    idleTimeoutMillis: 30_000,
    Client: SettingsAwareClient,
  });
  // An idle connection dropped by the server (restart, failover) must not crash the process;
  // the pool replaces it on next use.
  pool.on("error", (error) => console.error("database pool: idle connection lost:", error.message));
  const client = new PrismaClient({ adapter: new PrismaPg(pool, { statementNameGenerator: preparedStatementName }), transactionOptions: TRANSACTION_OPTIONS });
  pools.set(client, pool);
  return client;
}

/** Prisma exactly as its docs set it up, none of the above: the baseline for benchmarks. */
export function createPlainClient(connectionString: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString }) });
}

// Prisma does not end a pool it was handed, so we do.
const pools = new Map<PrismaClient, pg.Pool>();

export async function closeClient(client: PrismaClient): Promise<void> {
  await client.$disconnect();
  const pool = pools.get(client);
  if (pool && !pool.ended) await pool.end();
  pools.delete(client);
}

// Kept on globalThis so `next dev` reloads do not open a new pool on every edit.
const globals = globalThis as unknown as { parleyAppDb?: PrismaClient; parleySystemDb?: PrismaClient };

export function appDb(): PrismaClient {
  globals.parleyAppDb ??= createClient(appDatabaseUrl(), Number(process.env.PARLEY_DB_POOL_SIZE ?? 10));
  return globals.parleyAppDb;
}

export function systemDb(): PrismaClient {
  globals.parleySystemDb ??= createClient(systemDatabaseUrl(), 4);
  return globals.parleySystemDb;
}

export async function disconnectAll(): Promise<void> {
  await Promise.all([globals.parleyAppDb, globals.parleySystemDb].map((client) => client && closeClient(client)));
  globals.parleyAppDb = undefined;
  globals.parleySystemDb = undefined;
}

// The only place a PrismaClient is constructed. Tenant code receives a scoped transaction
// from ./tenant.ts; auth, signup, webhooks and jobs go through named functions in ./system.ts.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";
import { STATEMENT_TIMEOUT_MS, appDatabaseUrl, systemDatabaseUrl } from "./config";

export type Db = PrismaClient;

function createClient(connectionString: string, max: number): PrismaClient {
  const adapter = new PrismaPg({
    connectionString,
    max,
    statement_timeout: STATEMENT_TIMEOUT_MS,
    idleTimeoutMillis: 30_000,
  });
  return new PrismaClient({ adapter });
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
  await Promise.all([globals.parleyAppDb?.$disconnect(), globals.parleySystemDb?.$disconnect()]);
  globals.parleyAppDb = undefined;
  globals.parleySystemDb = undefined;
}

// withOrg: one interactive transaction per unit of work, scoped to one organization by
// set_config(..., TRUE) so the setting dies with the transaction and never leaks to the next
// user of a pooled connection. RLS policies read app.current_org_id / app.current_user_id.
import type { Prisma } from "@/generated/prisma/client";
import { TRANSACTION_OPTIONS, appDb, transactionSettings } from "./client";

/** The only database handle tenant code ever gets. */
export type Tx = Prisma.TransactionClient;

export interface OrgScope {
  orgId: string;
  userId: string | null;
}

export interface TransactionOptions {
  /** How long the transaction may stay open, in ms (default 20 s: a request's unit of work). */
  timeoutMs?: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function uuidLiteral(value: string | null, what: string): string {
  if (value === null) return "''";
  if (!UUID.test(value)) throw new Error(`${what} must be a uuid`);
  return `'${value}'`;
}

function scoped<T>(orgId: string | null, userId: string | null, fn: (tx: Tx) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
  const org = uuidLiteral(orgId, "orgId");
  const user = uuidLiteral(userId, "userId");
  const settings = {
    sql: `SELECT set_config('app.current_org_id', ${org}, TRUE), set_config('app.current_user_id', ${user}, TRUE)`,
    applied: false,
  };
  return transactionSettings.run(settings, () =>
    appDb().$transaction(async (tx) => {
      // Normally sent with BEGIN (see client.ts); if not, set them before any work.
      if (!settings.applied) {
        await tx.$executeRaw`SELECT set_config('app.current_org_id', ${orgId ?? ""}, TRUE), set_config('app.current_user_id', ${userId ?? ""}, TRUE)`;
      }
      return fn(tx);
    }, { ...TRANSACTION_OPTIONS, timeout: options.timeoutMs ?? TRANSACTION_OPTIONS.timeout }),
  );
}

/** `options` is for long batch work (the demo seed); requests keep the default. */
export function withOrg<T>(scope: OrgScope, fn: (tx: Tx) => Promise<T>, options?: TransactionOptions): Promise<T> {
  return scoped(scope.orgId, scope.userId, fn, options);
}

/** For the signed-in user's own records (sessions, security log) outside any organization. */
export function withUser<T>(userId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return scoped(null, userId, fn);
}

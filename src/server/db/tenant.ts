// withOrg: one interactive transaction per unit of work, scoped to one organization by
// set_config(..., TRUE) so the setting dies with the transaction and never leaks to the next
// user of a pooled connection. RLS policies read app.current_org_id / app.current_user_id.
import type { Prisma } from "@/generated/prisma/client";
import { appDb } from "./client";

/** The only database handle tenant code ever gets. */
export type Tx = Prisma.TransactionClient;

export interface OrgScope {
  orgId: string;
  userId: string | null;
}

const TX_OPTIONS = { maxWait: 5_000, timeout: 20_000 } as const;

export function withOrg<T>(scope: OrgScope, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return appDb().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT set_config('app.current_org_id', ${scope.orgId}, TRUE), set_config('app.current_user_id', ${scope.userId ?? ""}, TRUE)`;
    return fn(tx);
  }, TX_OPTIONS);
}

/** For the signed-in user's own records (sessions, security log) outside any organization. */
export function withUser<T>(userId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return appDb().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT set_config('app.current_user_id', ${userId}, TRUE)`;
    return fn(tx);
  }, TX_OPTIONS);
}

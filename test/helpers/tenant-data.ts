// Two organizations with data in every tenant table, for the isolation suite. When a
// migration adds a tenant table, add rows for it here: the suite fails naming any tenant
// table that org B has no rows in, so a new table cannot slip past it untested.
import { sha256Hex, newToken } from "@/lib/tokens";
import { startSession } from "@/server/db/system";
import { type TestOrg, addMember, createOrgWithOwner } from "./fixtures";

export interface TenantWorld {
  a: TestOrg;
  b: TestOrg;
  /** Ids of org B's records, by the input field name a procedure takes them as. */
  bIds: Record<string, string>;
}

export async function buildTenantWorld(): Promise<TenantWorld> {
  const a = await createOrgWithOwner("alpha");
  const b = await createOrgWithOwner("bravo");
  await addMember(a, "Member");
  await addMember(b, "Viewer");
  const bSession = await startSession(
    b.owner.id,
    { tokenHash: sha256Hex(newToken()), expiresAt: new Date(Date.now() + 3_600_000) },
    { ip: null, userAgent: "isolation-suite" },
  );
  return { a, b, bIds: { sessionId: bSession.sessionId } };
}

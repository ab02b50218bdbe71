// Test fixtures built through the real services, plus direct connections for assertions.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { signUp } from "@/features/auth/auth.service";
import { createCaller } from "@/server/api/root";
import { appDatabaseUrl, ownerDatabaseUrl, systemDatabaseUrl } from "@/server/db/config";
import type { ActiveSession } from "@/server/db/system/sessions";

export const TEST_PASSWORD = "correct-horse-battery-staple-42";
const meta = { ip: "203.0.113.7", userAgent: "vitest" };

export const uniqueEmail = (label: string) => `${label}-${randomBytes(4).toString("hex")}@test.parley.dev`;

let owner: pg.Pool | undefined;
/** The migration owner: sees every row, for arranging and checking data around the app role. */
export function ownerPool(): pg.Pool {
  owner ??= new pg.Pool({ connectionString: ownerDatabaseUrl(), max: 3 });
  return owner;
}

export function newAppPool(max = 2): pg.Pool {
  return new pg.Pool({ connectionString: appDatabaseUrl(), max });
}

/** The BYPASSRLS system role, as src/server/db/system/ connects. */
export function newSystemPool(max = 1): pg.Pool {
  return new pg.Pool({ connectionString: systemDatabaseUrl(), max });
}

export interface TestOrg {
  orgId: string;
  slug: string;
  owner: { id: string; email: string };
}

export async function createOrgWithOwner(label: string): Promise<TestOrg> {
  const email = uniqueEmail(label);
  const { userId, organizationSlug } = await signUp(
    { firstName: label, lastName: "Owner", email, password: TEST_PASSWORD, organizationName: `${label} Inc` },
    meta,
    { verifyEmail: false },
  );
  const { rows } = await ownerPool().query<{ id: string }>("SELECT id FROM organizations WHERE slug = $1", [organizationSlug]);
  return { orgId: rows[0]!.id, slug: organizationSlug, owner: { id: userId, email } };
}

export function sessionFor(user: { id: string; email: string }, sessionId = "00000000-0000-7000-8000-000000000000"): ActiveSession {
  return { sessionId, user: { id: user.id, email: user.email, fullName: "Test User", firstName: "Test", isSuperAdmin: false } };
}

/** A tRPC caller acting as `user`, for `orgSlug` when given, exactly as the HTTP route builds it. */
export function callerAs(user: { id: string; email: string } | null, orgSlug: string | null = null, sessionId?: string) {
  return createCaller({ session: user ? sessionFor(user, sessionId) : null, meta, orgSlug });
}

/** Adds a user with the given system role to an organization (as the owner connection). */
export async function addMember(org: TestOrg, roleName: string): Promise<{ id: string; email: string }> {
  const email = uniqueEmail(roleName.toLowerCase());
  const db = ownerPool();
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO users (email, first_name, last_name, full_name) VALUES ($1, $2, 'Member', $3) RETURNING id`,
    [email, roleName, `${roleName} Member`],
  );
  const userId = rows[0]!.id;
  await db.query(
    `INSERT INTO memberships (organization_id, user_id, role_id)
     SELECT $1, $2, id FROM roles WHERE organization_id = $1 AND name = $3`,
    [org.orgId, userId, roleName],
  );
  return { id: userId, email };
}

// The app role sees co-members' rows in users (users_visible), so it gets those rows' columns
// only by name: credentials and sign-in state are refused by the database itself, whatever a
// query asks for (prisma/migrations/20261202091000_users_column_privileges). The person's own
// credentials are reached only through the parley_*own* functions.
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withOrg } from "@/server/db/tenant";
import { enableTwoFactor } from "../helpers/account-security";
import { type TestOrg, addMember, createOrgWithOwner, newAppPool, newSystemPool, ownerPool } from "../helpers/fixtures";

const CREDENTIALS = ["password_hash", "two_factor_secret", "two_factor_last_step"];
const SIGN_IN_STATE = ["failed_login_attempts", "locked_until", "last_login_ip"];
const PERMISSION_DENIED = "42501";

let org: TestOrg;
let member: { id: string; email: string };
let app: pg.Pool;

/** One app-role transaction as the API opens it (org and user set), rolled back after `fn`. */
async function asAppUser<T>(userId: string | null, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await app.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT set_config('app.current_org_id', $1, TRUE), set_config('app.current_user_id', $2, TRUE)", [org.orgId, userId ?? ""]);
    return await fn(client);
  } finally {
    await client.query("ROLLBACK");
    client.release();
  }
}

/** The statement's SQLSTATE if it fails, else its rows; in a savepoint so the transaction goes on. */
async function attempt(client: pg.PoolClient, sql: string, params: unknown[] = []): Promise<string | unknown[]> {
  await client.query("SAVEPOINT attempt");
  try {
    const { rows } = await client.query(sql, params);
    await client.query("RELEASE SAVEPOINT attempt");
    return rows;
  } catch (error) {
    await client.query("ROLLBACK TO SAVEPOINT attempt");
    return (error as { code?: string }).code ?? "error";
  }
}

beforeAll(async () => {
  org = await createOrgWithOwner("users-cols");
  await enableTwoFactor(org.owner);
  member = await addMember(org, "Member");
  // The co-member has credentials and sign-in state worth stealing too.
  await ownerPool().query(
    `UPDATE users SET password_hash = 'co-member-hash', two_factor_enabled = true, two_factor_secret = 'v1.co-member-secret',
       two_factor_last_step = 1, failed_login_attempts = 2, locked_until = now(), last_login_ip = '198.51.100.9' WHERE id = $1`,
    [member.id],
  );
  app = newAppPool(1);
});
afterAll(() => app?.end());

describe("users as the app role, inside an organization", () => {
  it("refuses to read credentials and sign-in state, on the own row and on a co-member's", async () => {
    await asAppUser(org.owner.id, async (client) => {
      for (const column of [...CREDENTIALS, ...SIGN_IN_STATE]) {
        for (const id of [org.owner.id, member.id]) {
          expect(await attempt(client, `SELECT ${column} FROM users WHERE id = $1`, [id]), `${column} of ${id === member.id ? "co-member" : "self"}`).toBe(PERMISSION_DENIED);
        }
        expect(await attempt(client, `SELECT ${column} FROM users`), column).toBe(PERMISSION_DENIED);
      }
      // A query naming no columns (SELECT *, a whole-row reference) is refused, not trimmed.
      expect(await attempt(client, `SELECT * FROM users`)).toBe(PERMISSION_DENIED);
      expect(await attempt(client, `SELECT to_jsonb(u) FROM users u`)).toBe(PERMISSION_DENIED);
      // Nor can a filter on a secret column probe it.
      expect(await attempt(client, `SELECT id FROM users WHERE password_hash = 'co-member-hash'`)).toBe(PERMISSION_DENIED);
    });
  });

  it("still reads the people columns of both rows", async () => {
    await asAppUser(org.owner.id, async (client) => {
      const rows = await attempt(client, `SELECT id, email, full_name, job_title, two_factor_enabled, last_login_at FROM users ORDER BY email`);
      expect(rows).toHaveLength(2);
      expect((rows as { id: string }[]).map((r) => r.id).sort()).toEqual([org.owner.id, member.id].sort());
    });
  });

  it("refuses to write credentials or account state, even on the own row", async () => {
    await asAppUser(org.owner.id, async (client) => {
      const writes = [
        `password_hash = 'x'`, `two_factor_secret = NULL`, `two_factor_last_step = 0`, `two_factor_enabled = false`,
        `email = 'taken-over@example.com'`, `email_verified = now()`, `is_super_admin = true`, `status = 'active'`, `locked_until = NULL`,
      ];
      for (const set of writes) {
        expect(await attempt(client, `UPDATE users SET ${set} WHERE id = $1`, [org.owner.id]), set).toBe(PERMISSION_DENIED);
      }
      // Profile fields stay the person's own to change.
      expect(await attempt(client, `UPDATE users SET job_title = 'Head of Sales', updated_at = now() WHERE id = $1 RETURNING id`, [org.owner.id])).toHaveLength(1);
    });
  });

  it("reaches the signed-in person's own credentials only through parley_own_credentials()", async () => {
    const { rows: [stored] } = await ownerPool().query(`SELECT password_hash, two_factor_secret FROM users WHERE id = $1`, [org.owner.id]);
    await asAppUser(org.owner.id, async (client) => {
      const own = (await client.query(`SELECT * FROM parley_own_credentials()`)).rows;
      expect(own).toEqual([{ password_hash: stored.password_hash, two_factor_secret: stored.two_factor_secret, two_factor_last_step: null }]);
    });
    // With no signed-in user there is no one's to read.
    await asAppUser(null, async (client) => {
      expect((await client.query(`SELECT * FROM parley_own_credentials()`)).rows).toEqual([]);
      expect((await client.query(`SELECT parley_spend_own_totp_step(1) AS ok`)).rows[0].ok).toBe(false);
    });
  });

  it("fails a Prisma query that selects every column of users, instead of leaking", async () => {
    const scope = { orgId: org.orgId, userId: org.owner.id };
    await expect(withOrg(scope, (tx) => tx.user.findMany())).rejects.toThrow(/permission denied/);
    await expect(withOrg(scope, (tx) => tx.membership.findMany({ include: { user: true } }))).rejects.toThrow(/permission denied/);
    const people = await withOrg(scope, (tx) => tx.membership.findMany({ select: { user: { select: { id: true, fullName: true } } } }));
    expect(people).toHaveLength(2);
  });
});

describe("users privileges in the catalog", () => {
  async function columnsWith(role: string, privilege: "SELECT" | "UPDATE"): Promise<string[]> {
    const { rows } = await ownerPool().query<{ name: string }>(
      `SELECT attname AS name FROM pg_attribute
       WHERE attrelid = 'users'::regclass AND attnum > 0 AND NOT attisdropped AND has_column_privilege($1, 'users', attname, $2)
       ORDER BY attnum`,
      [role, privilege],
    );
    return rows.map((r) => r.name);
  }

  it("the app role may read every users column but credentials and sign-in state", async () => {
    const { rows } = await ownerPool().query<{ name: string }>(`SELECT attname AS name FROM pg_attribute WHERE attrelid = 'users'::regclass AND attnum > 0 AND NOT attisdropped`);
    const withheld = [...CREDENTIALS, ...SIGN_IN_STATE];
    expect(await columnsWith("parley_app", "SELECT")).toEqual(rows.map((r) => r.name).filter((c) => !withheld.includes(c)));
    expect(await columnsWith("parley_app", "UPDATE")).toEqual([
      "first_name", "last_name", "full_name", "avatar_url", "phone", "department", "job_title", "preferences", "notification_settings", "updated_at",
    ]);
  });

  it("the system role keeps every column, for sign-in and account links", async () => {
    const system = newSystemPool();
    try {
      const { rows } = await system.query(`SELECT password_hash, two_factor_secret, two_factor_last_step, locked_until FROM users WHERE id = $1`, [member.id]);
      expect(rows[0]).toMatchObject({ password_hash: "co-member-hash", two_factor_secret: "v1.co-member-secret", two_factor_last_step: 1 });
    } finally {
      await system.end();
    }
  });

  it("the own-credentials functions pin their search path, and only the app role may call them", async () => {
    const { rows } = await ownerPool().query<{ name: string; config: string[] | null; app: boolean; system: boolean; everyone: boolean }>(`
      SELECT p.proname AS name, p.proconfig AS config,
             has_function_privilege('parley_app', p.oid, 'EXECUTE') AS app,
             has_function_privilege('parley_system', p.oid, 'EXECUTE') AS system,
             EXISTS (SELECT 1 FROM aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a WHERE a.grantee = 0) AS everyone
      FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = 'public' AND p.prosecdef ORDER BY 1`);
    expect(rows.map((r) => r.name)).toEqual([
      "parley_begin_own_two_factor", "parley_disable_own_two_factor", "parley_enable_own_two_factor",
      "parley_own_credentials", "parley_set_own_password_hash", "parley_spend_own_totp_step",
    ]);
    for (const fn of rows) {
      expect(fn.config, fn.name).toEqual(["search_path=pg_catalog, public, pg_temp"]);
      expect({ app: fn.app, system: fn.system, everyone: fn.everyone }, fn.name).toEqual({ app: true, system: false, everyone: false });
    }
  });
});

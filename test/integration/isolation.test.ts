// The tenancy wall, tested from the catalog and the router rather than a hand-kept list:
// every table with organization_id, and every procedure that is org-scoped or takes an id.
import { TRPCError } from "@trpc/server";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { appRouter } from "@/server/api/root";
import { withOrg } from "@/server/db/tenant";
import { callerAs, newAppPool, ownerPool } from "../helpers/fixtures";
import { type TenantWorld, buildTenantWorld } from "../helpers/tenant-data";

let world: TenantWorld;
let tenantTables: string[];
let app: pg.Pool;

async function tenantTableNames(): Promise<string[]> {
  const { rows } = await ownerPool().query<{ table: string }>(`
    SELECT c.relname AS table FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
      AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'organization_id' AND NOT a.attisdropped)
    ORDER BY 1`);
  return rows.map((r) => r.table);
}

/** Runs `fn` on one app-role connection inside a transaction scoped to `orgId`, then rolls back. */
async function asApp<T>(orgId: string | null, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await app.connect();
  try {
    await client.query("BEGIN");
    if (orgId) await client.query("SELECT set_config('app.current_org_id', $1, TRUE)", [orgId]);
    return await fn(client);
  } finally {
    await client.query("ROLLBACK");
    client.release();
  }
}

/** Runs a statement in a savepoint; returns its row count, or the SQLSTATE it failed with. */
async function attempt(client: pg.PoolClient, sql: string, params: unknown[] = []): Promise<number | string> {
  await client.query("SAVEPOINT attempt");
  try {
    const result = await client.query(sql, params);
    await client.query("RELEASE SAVEPOINT attempt");
    return result.rowCount ?? 0;
  } catch (error) {
    await client.query("ROLLBACK TO SAVEPOINT attempt");
    return (error as { code?: string }).code ?? "error";
  }
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** A fingerprint of everything org B owns, to prove an attempt changed nothing. */
async function fingerprintOfB(): Promise<Record<string, string>> {
  const prints: Record<string, string> = {};
  const owned = [...tenantTables.map((table) => ({ table, column: "organization_id", id: world.b.orgId })), { table: "sessions", column: "user_id", id: world.b.owner.id }];
  for (const { table, column, id } of owned) {
    const { rows } = await ownerPool().query<{ md5: string | null }>(
      `SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS md5 FROM ${ident(table)} t WHERE ${ident(column)} = $1`,
      [id],
    );
    prints[table] = rows[0]!.md5 ?? "empty";
  }
  return prints;
}

beforeAll(async () => {
  world = await buildTenantWorld();
  tenantTables = await tenantTableNames();
  app = newAppPool(1);
});
afterAll(() => app?.end());

describe("tenant tables (from the catalog)", () => {
  it("finds the tenant tables and org B has rows in every one", async () => {
    expect(tenantTables.length).toBeGreaterThanOrEqual(4);
    const empty: string[] = [];
    for (const table of tenantTables) {
      const { rows } = await ownerPool().query(`SELECT 1 FROM ${ident(table)} WHERE organization_id = $1 LIMIT 1`, [world.b.orgId]);
      if (rows.length === 0) empty.push(table);
    }
    expect(empty, "add rows for these tables in test/helpers/tenant-data.ts").toEqual([]);
  });

  it("scoped to org A, the app role sees its own rows and none of org B's", async () => {
    await asApp(world.a.orgId, async (client) => {
      for (const table of tenantTables) {
        const own = await client.query(`SELECT count(*)::int AS n FROM ${ident(table)}`);
        const theirs = await client.query(`SELECT count(*)::int AS n FROM ${ident(table)} WHERE organization_id = $1`, [world.b.orgId]);
        expect(own.rows[0].n, `${table}: org A sees its own rows`).toBeGreaterThan(0);
        expect(theirs.rows[0].n, `${table}: org B rows visible`).toBe(0);
      }
    });
  });

  it("scoped to org A, the app role cannot update or delete org B's rows", async () => {
    const before = await fingerprintOfB();
    await asApp(world.a.orgId, async (client) => {
      for (const table of tenantTables) {
        const updated = await attempt(client, `UPDATE ${ident(table)} SET organization_id = organization_id WHERE organization_id = $1`, [world.b.orgId]);
        const deleted = await attempt(client, `DELETE FROM ${ident(table)} WHERE organization_id = $1`, [world.b.orgId]);
        // 0 rows (RLS hides them) or 42501 (the app role lacks the privilege at all).
        expect([0, "42501"], `${table} update`).toContain(updated);
        expect([0, "42501"], `${table} delete`).toContain(deleted);
      }
    });
    expect(await fingerprintOfB()).toEqual(before);
  });

  it("scoped to org A, inserting a row for org B is refused", async () => {
    for (const table of tenantTables) {
      const { rows } = await ownerPool().query(`SELECT to_jsonb(t) AS row FROM ${ident(table)} t WHERE organization_id = $1 LIMIT 1`, [world.b.orgId]);
      const copy = { ...rows[0].row, id: crypto.randomUUID() };
      // Generated columns cannot be written, so the copy names the others.
      const columns = (
        await ownerPool().query<{ name: string }>(
          `SELECT attname AS name FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = ''`,
          [table],
        )
      ).rows.map((c) => ident(c.name)).join(", ");
      await asApp(world.a.orgId, async (client) => {
        const outcome = await attempt(client, `INSERT INTO ${ident(table)} (${columns}) SELECT ${columns} FROM jsonb_populate_record(NULL::${ident(table)}, $1::jsonb)`, [JSON.stringify(copy)]);
        expect(outcome, `${table}: insert for org B`).toBe("42501");
      });
    }
  });

  it("with no organization set, every tenant table reads as empty, without an error", async () => {
    await asApp(null, async (client) => {
      for (const table of tenantTables) {
        const { rows } = await client.query(`SELECT count(*)::int AS n FROM ${ident(table)}`);
        expect(rows[0].n, table).toBe(0);
      }
    });
  });

  it("after a scoped transaction commits, the same pooled connection sees nothing", async () => {
    const client = await app.connect();
    try {
      await client.query("BEGIN");
      await client.query("SELECT set_config('app.current_org_id', $1, TRUE)", [world.a.orgId]);
      const inside = await client.query(`SELECT count(*)::int AS n FROM roles`);
      await client.query("COMMIT");
      expect(inside.rows[0].n).toBeGreaterThan(0);
      for (const table of tenantTables) {
        const { rows } = await client.query(`SELECT count(*)::int AS n FROM ${ident(table)}`);
        expect(rows[0].n, table).toBe(0);
      }
    } finally {
      client.release();
    }
  });

  it("organizations: scoped to org A, org B's row is invisible and unchangeable", async () => {
    await asApp(world.a.orgId, async (client) => {
      const { rows } = await client.query(`SELECT id FROM organizations`);
      expect(rows.map((r) => r.id)).toEqual([world.a.orgId]);
      expect(await attempt(client, `UPDATE organizations SET name = 'x' WHERE id = $1`, [world.b.orgId])).toBe(0);
      expect(await attempt(client, `DELETE FROM organizations WHERE id = $1`, [world.b.orgId])).toBe("42501");
      expect(await attempt(client, `INSERT INTO organizations (name, slug) VALUES ('x', 'sneaky-org')`)).toBe("42501");
    });
  });

  it("users: scoped to org A, people who are not members of A are invisible", async () => {
    await asApp(world.a.orgId, async (client) => {
      const { rows } = await client.query(`SELECT id FROM users WHERE id = $1`, [world.b.owner.id]);
      expect(rows).toEqual([]);
      const own = await client.query(`SELECT count(*)::int AS n FROM users`);
      expect(own.rows[0].n).toBe(2); // A's owner and A's member
    });
  });
});

describe("withOrg", () => {
  it("rolls back everything written inside it when it throws", async () => {
    const name = `Rollback probe ${Date.now()}`;
    await expect(
      withOrg({ orgId: world.a.orgId, userId: world.a.owner.id }, async (tx) => {
        await tx.role.create({ data: { organizationId: world.a.orgId, name } });
        await tx.auditLog.create({ data: { organizationId: world.a.orgId, action: "probe", resourceType: "role" } });
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    const { rows } = await ownerPool().query(`SELECT 1 FROM roles WHERE name = $1`, [name]);
    expect(rows).toEqual([]);
  });

  it("refuses to write a row into another organization", async () => {
    await expect(
      withOrg({ orgId: world.a.orgId, userId: world.a.owner.id }, (tx) =>
        tx.role.create({ data: { organizationId: world.b.orgId, name: "Intruder" } }),
      ),
    ).rejects.toThrow();
  });
});

// ---------------------------------------------------------------- procedures (from the router)

type AnyProcedure = { _def: { type: "query" | "mutation" | "subscription"; meta?: { scope?: string }; inputs: z.ZodType[] } };
const procedures = Object.entries((appRouter._def as unknown as { procedures: Record<string, AnyProcedure> }).procedures);

/** Field names of a procedure's input that carry record ids: named id / fooId, and accepting only uuids. */
function idFields(schema: z.ZodType | undefined): string[] {
  let current = schema as unknown as { _zod?: { def: { type: string; innerType?: unknown; in?: unknown; shape?: Record<string, z.ZodType> } } } | undefined;
  while (current?._zod && ["default", "optional", "nullable", "prefault", "readonly", "pipe"].includes(current._zod.def.type)) {
    current = (current._zod.def.innerType ?? current._zod.def.in) as typeof current;
  }
  const shape = current?._zod?.def.shape ?? {};
  const takesOnlyUuids = (field: z.ZodType) => field.safeParse(crypto.randomUUID()).success && !field.safeParse("not-a-uuid").success;
  return Object.entries(shape).filter(([name, field]) => (name === "id" || /Ids?$/.test(name)) && takesOnlyUuids(field)).map(([name]) => name);
}

async function callProcedure(path: string, caller: ReturnType<typeof callerAs>, input: unknown) {
  const fn = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (input: unknown) => Promise<unknown>;
  return fn(input);
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    return error instanceof TRPCError ? error.code : String(error);
  }
}

describe("procedures (from the router)", () => {
  const orgScoped = procedures.filter(([, p]) => p._def.meta?.scope === "org");
  const takingIds = procedures.filter(([, p]) => idFields(p._def.inputs[0]).length > 0);

  it("finds org-scoped procedures and procedures taking ids", () => {
    expect(orgScoped.length).toBeGreaterThan(0);
    expect(takingIds.length).toBeGreaterThan(0);
  });

  it.each(orgScoped.map(([path]) => path))("%s: a non-member gets NOT_FOUND, exactly like a missing organization", async (path) => {
    const caller = callerAs(world.a.owner, world.b.slug);
    const missing = callerAs(world.a.owner, "no-such-organization");
    const before = await fingerprintOfB();
    const [theirs, nowhere] = await Promise.all([codeOf(callProcedure(path, caller, {})), codeOf(callProcedure(path, missing, {}))]);
    expect(theirs).toBe("NOT_FOUND");
    expect(nowhere).toBe("NOT_FOUND");
    expect(await fingerprintOfB()).toEqual(before);
  });

  it.each(takingIds.map(([path, p]) => [path, idFields(p._def.inputs[0])] as const))(
    "%s: org B's ids give NOT_FOUND to org A and change nothing",
    async (path, fields) => {
      const routerName = path.split(".")[0];
      const input: Record<string, unknown> = { ...world.extraInput[path] };
      for (const field of fields) {
        const id = world.bIds[`${routerName}.${field}`] ?? world.bIds[field];
        expect(id, `add org B's ${routerName}.${field} to test/helpers/tenant-data.ts`).toBeDefined();
        input[field] = id!;
      }
      const before = await fingerprintOfB();
      const code = await codeOf(callProcedure(path, callerAs(world.a.owner, world.a.slug), input));
      expect(code).toBe("NOT_FOUND");
      expect(await fingerprintOfB()).toEqual(before);
    },
  );
});

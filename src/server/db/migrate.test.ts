import { createHash } from "node:crypto";
import { mkdtemp, mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MigrationError, migrate, readMigrations } from "./migrate";

// A scratch database of its own, so these tests can break and edit migrations freely.
const adminUrl = () => process.env.PARLEY_TEST_ADMIN_URL!;
let url = "";
const name = `parley_migrate_${process.pid}`;

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

async function query<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function migrationsDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "parley-migrations-"));
  for (const [folder, sql] of Object.entries(files)) {
    await mkdir(path.join(dir, folder));
    await writeFile(path.join(dir, folder, "migration.sql"), sql);
  }
  return dir;
}

beforeAll(async () => {
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${name}`);
  const parsed = new URL(adminUrl());
  parsed.pathname = `/${name}`;
  url = parsed.toString();
});
afterAll(() => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));

describe("migrate", () => {
  it("applies pending migrations in order and records them as Prisma does", async () => {
    const dir = await migrationsDir({
      "20260101000000_first": "CREATE TABLE widgets (id int PRIMARY KEY);",
      "20260102000000_second": "ALTER TABLE widgets ADD COLUMN name text;",
    });
    const result = await migrate(url, { dir });
    expect(result.applied).toEqual(["20260101000000_first", "20260102000000_second"]);

    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number; id: string }>(
      `SELECT id, migration_name, checksum, finished_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(result.applied);
    const expected = createHash("sha256").update("CREATE TABLE widgets (id int PRIMARY KEY);").digest("hex");
    expect(rows[0]!.checksum).toBe(expected);
    expect(rows[0]!.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(rows.every((r) => r.finished_at !== null && r.applied_steps_count === 1)).toBe(true);

    const again = await migrate(url, { dir });
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied).toHaveLength(2);
  });

  it("refuses to run when an applied migration was edited", async () => {
    const dir = await migrationsDir({
      "20260101000000_first": "CREATE TABLE widgets (id int PRIMARY KEY); -- edited",
      "20260102000000_second": "ALTER TABLE widgets ADD COLUMN name text;",
    });
    await expect(migrate(url, { dir })).rejects.toThrow(/20260101000000_first was edited after it was applied/);
  });

  it("rolls a failing migration back whole and records nothing for it", async () => {
    const dir = await migrationsDir({
      "20260101000000_first": "CREATE TABLE widgets (id int PRIMARY KEY);",
      "20260102000000_second": "ALTER TABLE widgets ADD COLUMN name text;",
      "20260103000000_broken": "CREATE TABLE gadgets (id int); SELECT no_such_function();",
    });
    await expect(migrate(url, { dir })).rejects.toBeInstanceOf(MigrationError);
    const tables = await query<{ n: string }>(`SELECT count(*) AS n FROM pg_tables WHERE tablename = 'gadgets'`);
    expect(Number(tables[0]!.n)).toBe(0);
    const recorded = await query<{ n: string }>(`SELECT count(*) AS n FROM _prisma_migrations WHERE migration_name = '20260103000000_broken'`);
    expect(Number(recorded[0]!.n)).toBe(0);
  });

  it("reads the project's migrations in timestamp order with sha256 checksums", async () => {
    const migrations = await readMigrations();
    expect(migrations.length).toBeGreaterThan(0);
    expect(migrations.map((m) => m.name)).toEqual([...migrations.map((m) => m.name)].sort());
    for (const m of migrations) expect(m.checksum).toBe(createHash("sha256").update(m.sql).digest("hex"));
  });
});

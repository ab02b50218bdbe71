// Backup and restore over small scratch schemas (their own migrations folders): sequences,
// identity and generated columns, tables arriving before the tables they reference, a backup
// from an older schema, and the refusals. The whole app's schema is covered by
// test/integration/backup-restore.test.ts.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ScratchDatabase, createScratchDatabase, query, relationCount, tableDigests } from "../../../../test/helpers/scratch-database";
import { migrate } from "../migrate";
import { createBackup } from "./create-backup";
import { restoreBackup } from "./restore-backup";

const FIRST = {
  "20260101000000_widgets": "CREATE TABLE widgets (id serial PRIMARY KEY, name text NOT NULL, parent_id int REFERENCES widgets (id));",
  // "parts" sorts before "widgets", so its rows arrive before the rows they reference.
  "20260102000000_parts": `CREATE TABLE parts (
     id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     widget_id int NOT NULL REFERENCES widgets (id),
     label text,
     label_upper text GENERATED ALWAYS AS (upper(label)) STORED);`,
};
const THIRD = { "20260103000000_widget_slugs": "ALTER TABLE widgets ADD COLUMN slug text; UPDATE widgets SET slug = lower(name);" };

const work = await mkdtemp(path.join(os.tmpdir(), "parley-restore-migrations-"));
const databases: ScratchDatabase[] = [];
let source: ScratchDatabase;
let archive: string;

async function migrationsDir(name: string, files: Record<string, string>): Promise<string> {
  const dir = path.join(work, name);
  for (const [folder, sql] of Object.entries(files)) {
    await mkdir(path.join(dir, folder), { recursive: true });
    await writeFile(path.join(dir, folder, "migration.sql"), sql);
  }
  return dir;
}

async function emptyDatabase(label: string): Promise<ScratchDatabase> {
  const db = await createScratchDatabase(label);
  databases.push(db);
  return db;
}

const restore = (target: ScratchDatabase, migrationsDir: string) =>
  restoreBackup({ archive, databaseUrl: target.url, fileRoots: null, migrationsDir });

beforeAll(async () => {
  source = await emptyDatabase("bk_scratch_src");
  await migrate(source.url, { dir: await migrationsDir("v2", FIRST) });
  await query(source.url, `INSERT INTO widgets (name, parent_id) VALUES ('Root', NULL), ('Child', 1), ('Grandchild', 2)`);
  await query(source.url, `INSERT INTO parts (widget_id, label) VALUES (1, 'bolt'), (3, 'nut')`);
  // Sequences past the rows: numbers taken and rolled back are never handed out again.
  await query(source.url, `SELECT nextval('widgets_id_seq') FROM generate_series(1, 5)`);
  archive = path.join(work, "scratch.tar");
  await createBackup({ databaseUrl: source.url, out: archive, fileRoots: {}, parleyVersion: "test" });
});

afterAll(async () => {
  for (const db of databases) await db.drop();
  await rm(work, { recursive: true, force: true });
});

describe("restore over scratch schemas", () => {
  it("restores every row, generated column and sequence position into an empty database", async () => {
    const target = await emptyDatabase("bk_scratch_same");
    const summary = await restore(target, path.join(work, "v2"));
    expect(summary).toMatchObject({ tables: 3, rows: 2 + 3 + 2, newerMigrations: [] });
    expect(await tableDigests(target.url, ["public"])).toEqual(await tableDigests(source.url, ["public"]));
    const [next] = await query<{ widget: number; part: string }>(
      target.url,
      `SELECT nextval('widgets_id_seq')::int AS widget, (SELECT nextval(pg_get_serial_sequence('parts', 'id')))::text AS part`,
    );
    expect(next).toEqual({ widget: 9, part: "3" });
  });

  it("restores a backup from an older schema, then runs the newer migrations over its rows", async () => {
    const target = await emptyDatabase("bk_scratch_older");
    const newer = await migrationsDir("v3", { ...FIRST, ...THIRD });
    const summary = await restore(target, newer);
    expect(summary.newerMigrations).toEqual(["20260103000000_widget_slugs"]);
    expect(await query(target.url, "SELECT name, slug FROM widgets ORDER BY id")).toEqual([
      { name: "Root", slug: "root" },
      { name: "Child", slug: "child" },
      { name: "Grandchild", slug: "grandchild" },
    ]);
    const applied = await query<{ migration_name: string }>(target.url, `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY 1`);
    expect(applied.map((r) => r.migration_name)).toEqual([...Object.keys(FIRST), ...Object.keys(THIRD)]);
  });

  it("refuses a backup with migrations this code lacks, and leaves the target untouched", async () => {
    const target = await emptyDatabase("bk_scratch_newer");
    const older = await migrationsDir("v1", { "20260101000000_widgets": FIRST["20260101000000_widgets"] });
    await expect(restore(target, older)).rejects.toThrow(/newer or different Parley.*20260102000000_parts/);
    expect(await relationCount(target.url)).toBe(0);
  });

  it("refuses a database that is not empty, and changes nothing in it", async () => {
    const before = await tableDigests(source.url, ["public"]);
    await expect(restore(source, path.join(work, "v2"))).rejects.toThrow(/Refusing to restore: the database "parley_bk_scratch_src_\w+" is not empty/);
    expect(await tableDigests(source.url, ["public"])).toEqual(before);
  });
});

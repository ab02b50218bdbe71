// `npm run db:backup` / `db:restore` end to end on the app's real schema: two organizations
// with rows in every tenant table (the isolation suite's fixtures) and tens of thousands of
// audit rows with text COPY must escape, pg-boss jobs (one in a queue only the backup knows),
// an organization export's zip and an uploaded file; backed up, restored into a new empty
// database and empty directories, and compared table by table and byte by byte.
import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, stat, truncate, writeFile, copyFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runOrganizationExport } from "@/features/organizations/organization-export.job";
import { disconnectAll } from "@/server/db/client";
import { APP_ROLE } from "@/server/db/config";
import { createBackup } from "@/server/db/backup/create-backup";
import type { BackupManifest } from "@/server/db/backup/manifest";
import { restoreBackup } from "@/server/db/backup/restore-backup";
import { listStoredFiles } from "@/server/db/backup/stored-files";
import { readMigrations } from "@/server/db/migrate";
import { migrate } from "@/server/db/migrate";
import { stopJobQueue } from "@/server/jobs/boss";
import { JOB_SCHEMA, QUEUES } from "@/server/jobs/queues";
import { callerAs, ownerPool } from "../helpers/fixtures";
import { type ScratchDatabase, createScratchDatabase, query, relationCount, tableDigests } from "../helpers/scratch-database";
import { type TenantWorld, buildTenantWorld } from "../helpers/tenant-data";

const SETUP_TIMEOUT = 300_000;
const EXTRA_QUEUE = "backup-test-only";
const saved = { DATABASE_URL: process.env.DATABASE_URL, PARLEY_EXPORT_DIR: process.env.PARLEY_EXPORT_DIR, PARLEY_UPLOAD_DIR: process.env.PARLEY_UPLOAD_DIR };
const databases: ScratchDatabase[] = [];
let work: string;
let source: ScratchDatabase;
let world: TenantWorld;
let archive: string;
let manifest: BackupManifest;
let sourceDigests: Record<string, string>;

const sourceRoots = () => ({ exports: path.join(work, "source/exports"), uploads: path.join(work, "source/uploads") });

async function emptyDatabase(label: string): Promise<ScratchDatabase> {
  const db = await createScratchDatabase(label);
  databases.push(db);
  return db;
}

/** Enough rows to stream in many chunks, with tabs, newlines, backslashes, quotes, NULLs and non-ASCII text. */
async function addBulkRows(url: string, orgId: string) {
  await query(
    url,
    `INSERT INTO audit_logs (organization_id, action, resource_type, details, user_agent, created_at)
     SELECT $1, 'bulk.test', 'company', jsonb_build_object('n', i, 'note', E'tab\there "quoted" \\ back'),
            CASE WHEN i % 7 = 0 THEN NULL ELSE E'line one\nline two\r\ttabbed \\N not null, Zürich 東京 🚀 #' || i END,
            now() - i * interval '1 minute'
       FROM generate_series(1, 30000) i`,
    [orgId],
  );
}

async function addJobs(url: string) {
  const boss = new PgBoss({ connectionString: url, schema: JOB_SCHEMA, migrate: false, supervise: false, schedule: false });
  await boss.start();
  try {
    await boss.createQueue(EXTRA_QUEUE, { name: EXTRA_QUEUE, retryLimit: 5 });
    await boss.send(EXTRA_QUEUE, { n: 1 });
    await boss.send(EXTRA_QUEUE, { n: 2 }, { startAfter: 3600 });
    const [job] = await boss.fetch(EXTRA_QUEUE);
    await boss.complete(EXTRA_QUEUE, job!.id, { done: true });
    await boss.schedule(QUEUES.contractRenewals, "17 * * * *");
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), "parley-backup-"));
  process.env.PARLEY_EXPORT_DIR = sourceRoots().exports;
  process.env.PARLEY_UPLOAD_DIR = sourceRoots().uploads;
  source = await emptyDatabase("bk_src");
  await migrate(source.url, { rolePassword: process.env.PARLEY_DB_ROLE_PASSWORD });
  process.env.DATABASE_URL = source.url;

  world = await buildTenantWorld();
  await addBulkRows(source.url, world.a.orgId);
  // An export asked for by each organization: org A's made (its zip is a stored file), org B's still queued.
  const exportA = await callerAs(world.a.owner, world.a.slug).organizations.requestExport();
  await callerAs(world.b.owner, world.b.slug).organizations.requestExport();
  // Run org A's export job here, as the job pg-boss was given (the row names it).
  const { rows: [queued] } = await ownerPool().query<{ job_id: string }>("SELECT job_id FROM organization_exports WHERE id = $1", [exportA.id]);
  await runOrganizationExport({ exportId: exportA.id, orgId: world.a.orgId, userId: world.a.owner.id }, queued!.job_id);
  await stopJobQueue();
  await addJobs(source.url);
  // An upload waiting for its import, holding every byte value.
  const staged = path.join(sourceRoots().uploads, "staged", `${randomBytes(16).toString("hex")}.csv`);
  await mkdir(path.dirname(staged), { recursive: true });
  await writeFile(staged, Buffer.from(Array.from({ length: 4096 }, (_, i) => i % 256)));

  archive = path.join(work, "parley.tar");
  manifest = await createBackup({ databaseUrl: source.url, out: archive, fileRoots: sourceRoots(), parleyVersion: "test" });
  sourceDigests = await tableDigests(source.url);
}, SETUP_TIMEOUT);

afterAll(async () => {
  await stopJobQueue();
  await disconnectAll();
  await ownerPool().end();
  Object.assign(process.env, saved);
  for (const [key, value] of Object.entries(saved)) if (value === undefined) delete process.env[key];
  for (const db of databases) await db.drop();
  await rm(work, { recursive: true, force: true });
});

describe("backup", () => {
  it("holds every table, the applied migrations, the job queue and the stored files", async () => {
    expect(Object.keys(sourceDigests).sort()).toEqual(manifest.tables.map((t) => `${t.schema}.${t.name}`).sort());
    expect(manifest.tables.map((t) => `${t.schema}.${t.name}`)).toEqual(expect.arrayContaining(["public._prisma_migrations", "public.companies", "pgboss.job", "pgboss.queue"]));
    expect(manifest.migrations.map((m) => m.name)).toEqual((await readMigrations()).map((m) => m.name));
    expect(manifest.jobQueueVersion).toEqual(expect.any(Number));
    const rowsOf = (name: string) => manifest.tables.find((t) => `${t.schema}.${t.name}` === name)!.rows;
    expect(rowsOf("public.audit_logs")).toBeGreaterThan(30_000);
    expect(rowsOf("pgboss.job")).toBeGreaterThanOrEqual(3);
    expect(manifest.files.map((f) => f.root).sort()).toEqual(["exports", "uploads"]);
    expect(manifest.files.find((f) => f.root === "exports")!.path).toMatch(new RegExp(`^${world.a.orgId}/[0-9a-f-]+\\.zip$`));
  });
});

describe("restore", () => {
  let target: ScratchDatabase;
  const targetRoots = () => ({ exports: path.join(work, "restored/exports"), uploads: path.join(work, "restored/uploads") });

  beforeAll(async () => {
    target = await emptyDatabase("bk_dst");
    await restoreBackup({ archive, databaseUrl: target.url, rolePassword: process.env.PARLEY_DB_ROLE_PASSWORD, fileRoots: targetRoots() });
  }, SETUP_TIMEOUT);

  it("brings back every row of every table", async () => {
    const restored = await tableDigests(target.url);
    expect(restored).toEqual(sourceDigests);
  });

  it("brings back every stored file byte for byte", async () => {
    for (const root of ["exports", "uploads"] as const) {
      const files = await listStoredFiles(sourceRoots()[root]);
      expect(files.length).toBeGreaterThan(0);
      expect(await listStoredFiles(targetRoots()[root])).toEqual(files);
      for (const file of files) {
        expect((await readFile(path.join(targetRoots()[root], file))).equals(await readFile(path.join(sourceRoots()[root], file)))).toBe(true);
      }
    }
  });

  it("keeps row-level security: the app role sees only its own organization", async () => {
    const url = new URL(target.url);
    url.username = APP_ROLE;
    url.password = process.env.PARLEY_DB_ROLE_PASSWORD!;
    const app = new pg.Client({ connectionString: url.toString() });
    await app.connect();
    try {
      expect((await app.query("SELECT count(*)::int AS n FROM companies")).rows[0].n).toBe(0);
      await app.query("BEGIN");
      await app.query("SELECT set_config('app.current_org_id', $1, TRUE)", [world.a.orgId]);
      for (const table of ["companies", "leads", "opportunities", "audit_logs"]) {
        const seen = await app.query<{ organization_id: string; n: number }>(`SELECT organization_id, count(*)::int AS n FROM ${table} GROUP BY 1`);
        const [expected] = await query<{ n: number }>(source.url, `SELECT count(*)::int AS n FROM ${table} WHERE organization_id = $1`, [world.a.orgId]);
        expect(seen.rows, table).toEqual([{ organization_id: world.a.orgId, n: expected!.n }]);
      }
      await app.query("ROLLBACK");
    } finally {
      await app.end();
    }
  });

  it("has the job queue ready: the backup-only queue exists with its partition and jobs", async () => {
    const [queue] = await query<{ retry_limit: number; jobs: number }>(
      target.url,
      `SELECT q.retry_limit, (SELECT count(*)::int FROM ${JOB_SCHEMA}.job j WHERE j.name = q.name) AS jobs FROM ${JOB_SCHEMA}.queue q WHERE q.name = $1`,
      [EXTRA_QUEUE],
    );
    expect(queue).toEqual({ retry_limit: 5, jobs: 2 });
    // A restored database migrates again cleanly (what `npm start` does next).
    await expect(migrate(target.url, { rolePassword: process.env.PARLEY_DB_ROLE_PASSWORD })).resolves.toMatchObject({ applied: [] });
  });
});

describe("restore refuses", () => {
  it("a database that is not empty, and leaves it untouched", async () => {
    const elsewhere = { exports: path.join(work, "refused/exports"), uploads: path.join(work, "refused/uploads") };
    await expect(restoreBackup({ archive, databaseUrl: source.url, fileRoots: elsewhere })).rejects.toThrow(/Refusing to restore: the database "parley_bk_src_\w+" is not empty/);
    expect(await tableDigests(source.url)).toEqual(sourceDigests);
    expect(await listStoredFiles(path.join(work, "refused"))).toEqual([]);
  });

  it("file directories that already hold files, before touching the database", async () => {
    const target = await emptyDatabase("bk_files");
    await expect(restoreBackup({ archive, databaseUrl: target.url, fileRoots: sourceRoots() })).rejects.toThrow(/already has files/);
    expect(await relationCount(target.url)).toBe(0);
  });

  it("a damaged backup, leaving the database empty and no files behind", async () => {
    const target = await emptyDatabase("bk_cut");
    const cut = path.join(work, "cut.tar");
    await copyFile(archive, cut);
    await truncate(cut, Math.floor((await stat(archive)).size * 0.6));
    const roots = { exports: path.join(work, "cut/exports"), uploads: path.join(work, "cut/uploads") };
    await expect(restoreBackup({ archive: cut, databaseUrl: target.url, rolePassword: process.env.PARLEY_DB_ROLE_PASSWORD, fileRoots: roots }))
      .rejects.toThrow(/cut short or damaged[\s\S]*is empty again/);
    expect(await relationCount(target.url)).toBe(0);
    expect(await listStoredFiles(path.join(work, "cut"))).toEqual([]);
  });
});

// `npm run db:restore`: a backup into an EMPTY database. The schema comes from this code's
// migrations (which also create the roles, grants, RLS policies and pg-boss's schema), taken
// to exactly the backup's migrations; then every table's rows are loaded in one transaction
// under session_replication_role = replica (no foreign-key or other trigger fires while tables
// arrive in whatever order), checked against the manifest, and committed; then any newer
// migrations run, as they would have on the original database. Anything failing on the way
// leaves the database empty again.
import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import path from "node:path";
import type { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { migrate, readMigrations } from "../migrate";
import { type ArchiveEntry, drain, readArchive } from "./archive";
import { type CatalogTable, columnList, isJobQueueTable, listSequences, listTables, qualified } from "./catalog";
import { secretFingerprint } from "./create-backup";
import { DigestStream } from "./digest-stream";
import { BackupError, type BackupManifest, type BackupTable, MANIFEST_ENTRY, parseManifest, tableLabel } from "./manifest";
import { planMigrations } from "./migration-plan";
import { mergeJobQueues } from "./pgboss-queues";
import { assertCanReadEveryRow, connect, describeBytes, jobQueueVersion } from "./session";
import { holdsNoFiles, moveIntoPlace, safeRelativePath, writeWithDigest } from "./stored-files";
import { assertEmpty, captureState, dropCreatedObjects, manualCleanupAdvice } from "./target";

export interface RestoreOptions {
  /** The backup's tar file. */
  archive: string;
  /** The owner's connection to the target database, which must be empty. */
  databaseUrl: string;
  /** Given to parley_app and parley_system by the migration runner (PARLEY_DB_ROLE_PASSWORD). */
  rolePassword?: string;
  /** Where each stored-file directory goes (each must hold no files); null restores the database only. */
  fileRoots: Record<string, string> | null;
  /** The NEXTAUTH_SECRET the restored app will run with, to warn when it differs from the backup's. */
  nextauthSecret?: string;
  /** Another migrations folder (the restore tests use scratch schemas). */
  migrationsDir?: string;
  log?: (line: string) => void;
}

export interface RestoreSummary {
  tables: number;
  rows: number;
  files: number;
  newerMigrations: string[];
}

export async function restoreBackup(options: RestoreOptions): Promise<RestoreSummary> {
  const log = options.log ?? (() => {});
  const entries = readArchive(path.resolve(options.archive));
  try {
    const manifest = await readManifest(entries);
    log(`backup of ${manifest.source.database} taken ${manifest.createdAt} (Parley ${manifest.parleyVersion}, PostgreSQL ${manifest.source.serverVersion}): ` +
      `${manifest.tables.length} tables, ${manifest.tables.reduce((n, t) => n + t.rows, 0)} rows, ${manifest.files.length} files`);
    const plan = planMigrations(manifest.migrations, await readMigrations(options.migrationsDir));
    if (plan.kind === "older") log(`the backup's schema is older than this code's: ${plan.newer.length} newer migration(s) run after its rows are loaded`);
    const fingerprint = secretFingerprint(options.nextauthSecret);
    if (manifest.secretFingerprint && fingerprint && manifest.secretFingerprint !== fingerprint) {
      log("warning: NEXTAUTH_SECRET differs from the backed-up installation's. Two-factor secrets were encrypted with a key from the old secret: " +
        "set the old NEXTAUTH_SECRET (for the embedded database, .data/secrets.json's nextauthSecret), or people with two-factor sign in with a recovery code and set it up again.");
    }
    const fileRoots = await checkFileRoots(manifest, options.fileRoots);

    const client = await connect(options.databaseUrl);
    try {
      await assertCanReadEveryRow(client, "restore");
      await assertCanReplicate(client);
      await assertEmpty(client);
      const before = await captureState(client);
      const database = (await client.query<{ db: string }>("SELECT current_database() AS db")).rows[0]!.db;
      const staged = new Map<string, string>();
      const moved: string[] = [];
      try {
        await migrate(options.databaseUrl, {
          dir: options.migrationsDir,
          only: new Set(plan.backup),
          rolePassword: options.rolePassword,
          log: (line) => log(`migrations: ${line}`),
        });
        await assertJobQueueVersion(client, manifest);
        const loaded = await loadData(client, manifest, entries, fileRoots, staged, log);
        for (const [root, dir] of staged) {
          await moveIntoPlace(dir, fileRoots![root]!);
          moved.push(fileRoots![root]!);
        }
        if (plan.kind === "older") {
          await migrate(options.databaseUrl, { dir: options.migrationsDir, rolePassword: options.rolePassword, log: (line) => log(`migrations: ${line}`) });
        }
        log("updating the planner's statistics (ANALYZE)");
        await client.query("ANALYZE");
        return { ...loaded, newerMigrations: plan.kind === "older" ? plan.newer : [] };
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        for (const dir of [...staged.values(), ...moved]) await rm(dir, { recursive: true, force: true });
        const cause = error instanceof Error ? error.message : String(error);
        try {
          await dropCreatedObjects(client, before);
        } catch (cleanup) {
          throw new BackupError(`Restore failed: ${cause}\n${manualCleanupAdvice(database)} (Emptying it automatically failed: ${(cleanup as Error).message})`);
        }
        throw new BackupError(`Restore failed: ${cause}\nNothing was restored: the database "${database}" is empty again${moved.length || staged.size ? " and no files were left behind" : ""}.`);
      }
    } finally {
      await client.end();
    }
  } finally {
    await entries.return(undefined);
  }
}

async function readManifest(entries: AsyncGenerator<ArchiveEntry>): Promise<BackupManifest> {
  const first = await entries.next();
  if (first.done || first.value.name !== MANIFEST_ENTRY) {
    if (!first.done) await drain(first.value.stream);
    throw new BackupError("This file is not a Parley backup: its first entry is not manifest.json.");
  }
  const chunks: Buffer[] = [];
  for await (const chunk of first.value.stream) chunks.push(chunk as Buffer);
  return parseManifest(Buffer.concat(chunks).toString("utf8"));
}

/** Where the backup's files go; every such directory must hold no files yet (never merged into). */
async function checkFileRoots(manifest: BackupManifest, roots: Record<string, string> | null): Promise<Record<string, string> | null> {
  if (!roots) return null;
  for (const root of new Set(manifest.files.map((f) => f.root))) {
    const dir = roots[root];
    if (!dir) throw new BackupError(`The backup holds files of a kind this Parley does not store ("${root}"). Restore it with the Parley version that made it.`);
    if (!(await holdsNoFiles(dir))) {
      throw new BackupError(`Refusing to restore: ${dir} (the ${root} directory) already has files, and a restore never merges into live data. Move them aside, or restore the database only with --no-files.`);
    }
  }
  return roots;
}

/** session_replication_role needs a superuser (or, from PostgreSQL 15, GRANT SET ON PARAMETER). */
async function assertCanReplicate(client: pg.ClientBase): Promise<void> {
  try {
    await client.query("BEGIN");
    await client.query("SET LOCAL session_replication_role = replica");
  } catch (error) {
    throw new BackupError(
      `A restore loads tables with session_replication_role = replica, which this role may not set (${(error as Error).message}). ` +
        "Restore as a superuser, or GRANT SET ON PARAMETER session_replication_role TO the owner role (PostgreSQL 15+).",
    );
  } finally {
    await client.query("ROLLBACK");
  }
}

async function assertJobQueueVersion(client: pg.ClientBase, manifest: BackupManifest): Promise<void> {
  if (manifest.jobQueueVersion === null) return;
  const installed = await jobQueueVersion(client);
  if (installed !== manifest.jobQueueVersion) {
    throw new BackupError(
      `The backup's job queue is pg-boss schema version ${manifest.jobQueueVersion}, this Parley installs version ${installed ?? "none"}: ` +
        "its jobs cannot be loaded as they are. Restore it with the Parley version that made it.",
    );
  }
}

async function loadData(
  client: pg.ClientBase,
  manifest: BackupManifest,
  entries: AsyncGenerator<ArchiveEntry>,
  fileRoots: Record<string, string> | null,
  staged: Map<string, string>,
  log: (line: string) => void,
): Promise<{ tables: number; rows: number; files: number }> {
  const targetTables = new Map((await listTables(client)).map((t) => [tableLabel(t), t]));
  for (const table of manifest.tables) checkTableFits(table, targetTables.get(tableLabel(table)));
  const tablesByEntry = new Map(manifest.tables.map((t) => [t.entry, t]));
  const filesByEntry = new Map(manifest.files.map((f) => [f.entry, f]));

  await client.query("BEGIN");
  await client.query("SET LOCAL session_replication_role = replica; SET LOCAL row_security = off");
  // What the migrations themselves inserted (permissions, pg-boss's bookkeeping) is in the backup too.
  const replaced = manifest.tables.filter((t) => !isJobQueueTable(t));
  if (replaced.length) await client.query(`TRUNCATE ${replaced.map(qualified).join(", ")}`);

  log(`loading ${manifest.tables.length} tables`);
  let rows = 0;
  let files = 0;
  const seen = new Set<string>();
  for await (const { name, stream } of entries) {
    const table = tablesByEntry.get(name);
    const file = filesByEntry.get(name);
    if (seen.has(name) || (!table && !file)) {
      await drain(stream);
      throw new BackupError(`The backup has an entry its manifest does not list (${name}): the file is damaged.`);
    }
    seen.add(name);
    if (table) {
      await loadTable(client, table, stream);
      rows += table.rows;
      log(`  ${tableLabel(table).padEnd(40)} ${String(table.rows).padStart(9)} rows`);
    } else if (file && !fileRoots) {
      await drain(stream);
    } else if (file) {
      if (!staged.has(file.root)) staged.set(file.root, `${fileRoots![file.root]}.restoring-${randomBytes(4).toString("hex")}`);
      const written = await writeWithDigest(stream, path.join(staged.get(file.root)!, safeRelativePath(file.path))).catch((error: unknown) => {
        throw new BackupError(`Restoring the file ${file.root}/${file.path} failed: ${readFailure(error)}`);
      });
      if (written.bytes !== file.bytes || written.sha256 !== file.sha256) throw new BackupError(`The file ${file.root}/${file.path} in the backup is damaged (its checksum does not match the manifest).`);
      files++;
    }
  }
  const missing = [...manifest.tables.map((t) => t.entry), ...manifest.files.map((f) => f.entry)].filter((entry) => !seen.has(entry));
  if (missing.length) throw new BackupError(`The backup file ends early: ${missing.length} entries are missing (from ${missing[0]}). It was cut short or damaged.`);
  if (fileRoots) log(`files: ${files} restored (${describeBytes(manifest.files.reduce((n, f) => n + f.bytes, 0))})`);

  await restoreSequences(client, manifest);
  await client.query("COMMIT");
  log(`database: ${manifest.tables.length} tables, ${rows} rows restored`);
  return { tables: manifest.tables.length, rows, files };
}

/** The migrated table must have every column the backup has (same migrations: the same table). */
function checkTableFits(table: BackupTable, target: CatalogTable | undefined): void {
  if (!target) throw new BackupError(`The backup has table ${tableLabel(table)}, which the migrated database does not.`);
  const missing = table.columns.filter((c) => !target.columns.includes(c));
  if (missing.length) throw new BackupError(`The backup's table ${tableLabel(table)} has column(s) ${missing.join(", ")}, which the migrated database does not.`);
}

async function loadTable(client: pg.ClientBase, table: BackupTable, entry: Readable): Promise<void> {
  const digest = new DigestStream();
  const feed = (into: Writable) => pipeline(entry, createGunzip(), digest, into);
  let rows: number;
  try {
    if (isJobQueueTable(table)) {
      rows = await mergeJobQueues(client, table.columns, feed);
    } else {
      const copy = client.query(copyFrom(`COPY ${qualified(table)} (${columnList(table.columns)}) FROM STDIN`));
      await feed(copy);
      rows = copy.rowCount;
    }
  } catch (error) {
    throw new BackupError(`Loading ${tableLabel(table)} failed: ${readFailure(error)}`);
  }
  if (rows !== table.rows || digest.bytes !== table.bytes || digest.sha256() !== table.sha256) {
    throw new BackupError(`The backup's data for ${tableLabel(table)} does not match its manifest (${rows} rows read, ${table.rows} recorded; or another checksum): the file is damaged.`);
  }
}

/** tar and gzip errors are about the backup file, not the database: say so. */
function readFailure(error: unknown): string {
  const { message, code } = error as NodeJS.ErrnoException;
  const damaged = /unexpected end/i.test(message) || (code ?? "").startsWith("Z_");
  return `${message}${damaged ? " (the backup file is cut short or damaged)" : ""}`;
}

async function restoreSequences(client: pg.ClientBase, manifest: BackupManifest): Promise<void> {
  const present = new Set((await listSequences(client)).map(tableLabel));
  for (const sequence of manifest.sequences) {
    if (!present.has(tableLabel(sequence))) throw new BackupError(`The backup has sequence ${tableLabel(sequence)}, which the migrated database does not.`);
    if (sequence.lastValue === null) await client.query(`ALTER SEQUENCE ${qualified(sequence)} RESTART`);
    else await client.query(`SELECT setval($1::regclass, $2::bigint, true)`, [qualified(sequence), sequence.lastValue]);
  }
}

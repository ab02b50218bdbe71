// `npm run db:backup`: a consistent logical copy of the database and the stored files in one
// tar file. pg_dump cannot do this here (Debian's pg_dump 15 refuses the embedded PostgreSQL
// 18, and the embedded package ships no pg_dump), so every table is read with COPY ... TO
// STDOUT inside one REPEATABLE READ transaction: one snapshot, as pg_dump takes.
import { createHash, randomBytes } from "node:crypto";
import { createWriteStream, existsSync } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { type CatalogTable, columnList, listSequences, listTables, qualified, sequencePosition } from "./catalog";
import { packArchive } from "./archive";
import { DigestStream } from "./digest-stream";
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, BackupError, type BackupFile, type BackupManifest, type BackupTable, tableLabel } from "./manifest";
import { copyWithDigest, listStoredFiles } from "./stored-files";
import { assertCanReadEveryRow, connect, describeBytes, jobQueueVersion } from "./session";

export interface CreateBackupOptions {
  databaseUrl: string;
  /** The tar file to write; it must not exist yet (a backup never overwrites). */
  out: string;
  /** Stored-file directories by name (src/server/storage/roots.ts). */
  fileRoots: Record<string, string>;
  parleyVersion: string;
  /** NEXTAUTH_SECRET, fingerprinted so a restore can warn when it runs with another one. */
  nextauthSecret?: string;
  log?: (line: string) => void;
}

export function secretFingerprint(secret: string | undefined): string | null {
  return secret ? createHash("sha256").update(`parley-backup-secret-fingerprint:${secret}`).digest("hex").slice(0, 16) : null;
}

export async function createBackup(options: CreateBackupOptions): Promise<BackupManifest> {
  const log = options.log ?? (() => {});
  const out = path.resolve(options.out);
  if (existsSync(out)) throw new BackupError(`${out} exists already; a backup never overwrites a file. Choose another name.`);
  await mkdir(path.dirname(out), { recursive: true });
  const staging = `${out}.staging-${randomBytes(4).toString("hex")}`;
  const partial = `${out}.partial`;
  await mkdir(staging);
  try {
    const database = await snapshotDatabase(options.databaseUrl, staging, log);
    const files = await copyStoredFiles(options.fileRoots, staging, log);
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      createdAt: database.takenAt.toISOString(),
      parleyVersion: options.parleyVersion,
      source: database.source,
      migrations: database.migrations,
      jobQueueVersion: database.jobQueueVersion,
      secretFingerprint: secretFingerprint(options.nextauthSecret),
      tables: database.tables,
      sequences: database.sequences,
      files,
    };
    log(`writing ${out}`);
    await rm(partial, { force: true });
    await packArchive(partial, manifest, staging);
    await rename(partial, out);
    return manifest;
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function snapshotDatabase(databaseUrl: string, staging: string, log: (line: string) => void) {
  const client = await connect(databaseUrl);
  try {
    await assertCanReadEveryRow(client, "back up");
    // One snapshot for every table. READ ONLY: a backup writes nothing. row_security off makes
    // a role that RLS would filter fail loudly instead of silently copying no tenant rows.
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    await client.query("SET LOCAL row_security = off");
    const takenAt = (await client.query<{ now: Date }>("SELECT now()")).rows[0]!.now;
    const tables = await listTables(client);
    if (!tables.some((t) => t.schema === "public" && t.name === "_prisma_migrations")) {
      throw new BackupError("This database has no _prisma_migrations table: it is not a migrated Parley database (run `npm run db:migrate` first, or check DATABASE_URL).");
    }
    // As pg_dump does: no migration may change a table while it is being copied.
    await client.query(`LOCK TABLE ${tables.map(qualified).join(", ")} IN ACCESS SHARE MODE`);

    const { rows: migrations } = await client.query<{ name: string; checksum: string }>(
      `SELECT migration_name AS name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
    );
    const source = (await client.query<{ serverVersion: string; database: string }>(`SELECT current_setting('server_version') AS "serverVersion", current_database() AS database`)).rows[0]!;
    const queueVersion = await jobQueueVersion(client);
    log(`snapshot of ${source.database} (PostgreSQL ${source.serverVersion}, ${migrations.length} migrations): ${tables.length} tables`);

    const dumped: BackupTable[] = [];
    for (const [index, table] of tables.entries()) {
      const entry = `tables/${String(index + 1).padStart(3, "0")}-${table.schema}.${table.name}.copy.gz`;
      const result = await dumpTable(client, table, path.join(staging, entry));
      dumped.push({ schema: table.schema, name: table.name, columns: table.columns, entry, ...result });
      log(`  ${tableLabel(table).padEnd(40)} ${String(result.rows).padStart(9)} rows  ${describeBytes(result.bytes)}`);
    }
    const sequences = [];
    for (const sequence of await listSequences(client)) sequences.push({ ...sequence, lastValue: await sequencePosition(client, sequence) });
    await client.query("COMMIT");
    const rows = dumped.reduce((sum, t) => sum + t.rows, 0);
    log(`database: ${dumped.length} tables, ${rows} rows, ${sequences.length} sequences`);
    return { takenAt, source, migrations, jobQueueVersion: queueVersion, tables: dumped, sequences };
  } finally {
    await client.end();
  }
}

/** Streams one table's rows, as COPY text, through a hash into a gzipped file. */
async function dumpTable(client: pg.Client, table: CatalogTable, file: string): Promise<{ rows: number; bytes: number; sha256: string }> {
  await mkdir(path.dirname(file), { recursive: true });
  // COPY cannot read a partitioned table directly; a SELECT over it reads every partition.
  const sql = table.partitioned
    ? `COPY (SELECT ${columnList(table.columns)} FROM ${qualified(table)}) TO STDOUT`
    : `COPY ${qualified(table)} (${columnList(table.columns)}) TO STDOUT`;
  const copy = client.query(copyTo(sql));
  const digest = new DigestStream();
  await pipeline(copy, digest, createGzip(), createWriteStream(file));
  return { rows: copy.rowCount, bytes: digest.bytes, sha256: digest.sha256() };
}

async function copyStoredFiles(roots: Record<string, string>, staging: string, log: (line: string) => void): Promise<BackupFile[]> {
  const files: BackupFile[] = [];
  for (const [root, dir] of Object.entries(roots)) {
    let bytes = 0;
    for (const relative of await listStoredFiles(dir)) {
      const entry = `files/${root}/${relative}`;
      const copied = await copyWithDigest(path.join(dir, relative), path.join(staging, entry));
      if (!copied) continue;
      files.push({ root, path: relative, entry, ...copied });
      bytes += copied.bytes;
    }
    log(`files: ${root} (${dir}): ${files.filter((f) => f.root === root).length} files, ${describeBytes(bytes)}`);
  }
  return files;
}

// Applies prisma/migrations/<ts>_<name>/migration.sql in order, each in its own transaction,
// and records them in _prisma_migrations exactly as `prisma migrate deploy` does (sha256 of
// the file's bytes), so Prisma's own tools agree with us wherever its engine is available.
import { createHash, randomUUID } from "node:crypto";
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { installJobQueue } from "@/server/jobs/install";
import { APP_ROLE, JOBS_ROLE, SYSTEM_ROLE } from "./config";

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: string[];
}

export class MigrationError extends Error {}

const MIGRATIONS_TABLE_SQL = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum"              VARCHAR(64) NOT NULL,
  "finished_at"           TIMESTAMPTZ,
  "migration_name"        VARCHAR(255) NOT NULL,
  "logs"                  TEXT,
  "rolled_back_at"        TIMESTAMPTZ,
  "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

// Any fixed number: serializes concurrent runners (two app instances starting together).
const ADVISORY_LOCK_KEY = 72_707_301;

export const DEFAULT_MIGRATIONS_DIR = path.resolve(import.meta.dirname, "../../../prisma/migrations");

export async function readMigrations(dir = DEFAULT_MIGRATIONS_DIR): Promise<MigrationFile[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return Promise.all(
    names.map(async (name) => {
      const bytes = await readFile(path.join(dir, name, "migration.sql"));
      return { name, sql: bytes.toString("utf8"), checksum: createHash("sha256").update(bytes).digest("hex") };
    }),
  );
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

export async function migrate(
  connectionString: string,
  options: {
    dir?: string;
    rolePassword?: string;
    log?: (line: string) => void;
    jobQueue?: boolean;
    /** Apply only these migrations (a restore first rebuilds the schema a backup was taken at). */
    only?: ReadonlySet<string>;
  } = {},
): Promise<MigrateResult> {
  const log = options.log ?? (() => {});
  const migrations = (await readMigrations(options.dir)).filter((m) => !options.only || options.only.has(m.name));
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [ADVISORY_LOCK_KEY]);
    await client.query(MIGRATIONS_TABLE_SQL);
    const { rows } = await client.query<AppliedRow>(
      `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
    );
    const recorded = new Map(rows.map((r) => [r.migration_name, r]));
    const result: MigrateResult = { applied: [], alreadyApplied: [] };

    for (const migration of migrations) {
      const row = recorded.get(migration.name);
      if (row && row.finished_at === null) {
        throw new MigrationError(`Migration ${migration.name} failed earlier and was never finished; resolve it before migrating again.`);
      }
      if (row) {
        if (row.checksum !== migration.checksum) {
          throw new MigrationError(
            `Migration ${migration.name} was edited after it was applied (checksum ${row.checksum.slice(0, 12)}… is now ${migration.checksum.slice(0, 12)}…). Never edit an applied migration: add a new one.`,
          );
        }
        result.alreadyApplied.push(migration.name);
        continue;
      }
      await applyOne(client, migration);
      result.applied.push(migration.name);
      log(`applied ${migration.name}`);
    }

    if (options.rolePassword) await enableRoleLogins(client, options.rolePassword);
    // The job queue's schema is pg-boss's to manage; installed here, beside ours (not for the
    // migration runner's own tests, which migrate scratch folders).
    if (options.jobQueue ?? !options.dir) await installJobQueue(connectionString);
    return result;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [ADVISORY_LOCK_KEY]).catch(() => {});
    await client.end();
  }
}

async function applyOne(client: pg.Client, migration: MigrationFile): Promise<void> {
  const id = randomUUID();
  await client.query("BEGIN");
  try {
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)`,
      [id, migration.checksum, migration.name],
    );
    await client.query(migration.sql);
    await client.query(`UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`, [id]);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    const message = error instanceof Error ? error.message : String(error);
    throw new MigrationError(`Migration ${migration.name} failed and was rolled back: ${message}`);
  }
}

/** Roles are created NOLOGIN by the first migration; the password comes from configuration. */
async function enableRoleLogins(client: pg.Client, password: string): Promise<void> {
  const literal = client.escapeLiteral(password);
  const database = (await client.query<{ db: string }>("SELECT current_database() AS db")).rows[0]!.db;
  for (const role of [APP_ROLE, SYSTEM_ROLE, JOBS_ROLE]) {
    await client.query(`ALTER ROLE ${client.escapeIdentifier(role)} WITH LOGIN PASSWORD ${literal}`);
    await client.query(`GRANT CONNECT ON DATABASE ${client.escapeIdentifier(database)} TO ${client.escapeIdentifier(role)}`);
  }
}

// The one connection a backup or restore works through, and the checks it makes of its role.
import pg from "pg";
import { JOB_SCHEMA } from "@/server/jobs/queues";
import { BackupError } from "./manifest";

export async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, application_name: "parley-backup" });
  try {
    await client.connect();
  } catch (error) {
    throw new BackupError(`Cannot connect to the database: ${(error as Error).message}`);
  }
  // A backup of a large table runs as long as it needs; the app's own limits are not for it.
  await client.query("SET statement_timeout = 0; SET idle_in_transaction_session_timeout = 0; SET client_encoding = 'UTF8'");
  return client;
}

/**
 * Every tenant table forces row-level security, so only a superuser or a BYPASSRLS role sees
 * all rows; anyone else would copy empty tables without a word. Refused up front instead.
 */
export async function assertCanReadEveryRow(client: pg.ClientBase, doing: "back up" | "restore"): Promise<void> {
  const { rows } = await client.query<{ role: string; ok: boolean }>(
    "SELECT current_user AS role, rolsuper OR rolbypassrls AS ok FROM pg_roles WHERE rolname = current_user",
  );
  if (!rows[0]?.ok) {
    throw new BackupError(
      `The role ${rows[0]?.role ?? "?"} cannot ${doing} Parley: row-level security would hide the organizations' rows from it. ` +
        "Connect as the database owner that runs migrations, with SUPERUSER or BYPASSRLS (ALTER ROLE ... BYPASSRLS).",
    );
  }
}

/** pg-boss's schema version, or null when its schema is not there. */
export async function jobQueueVersion(client: pg.ClientBase): Promise<number | null> {
  const { rows } = await client.query<{ present: boolean }>("SELECT to_regclass($1) IS NOT NULL AS present", [`${JOB_SCHEMA}.version`]);
  if (!rows[0]!.present) return null;
  const version = await client.query<{ version: number }>(`SELECT version FROM ${JOB_SCHEMA}.version`);
  return version.rows[0]?.version ?? null;
}

export function describeBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

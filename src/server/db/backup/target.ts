// The restore target: it must be empty (a restore never merges into live data), and if the
// restore fails it is emptied again by dropping exactly what the restore created.
import type pg from "pg";
import { BackupError } from "./manifest";

const USER_SCHEMAS = `n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'`;
const notFromExtension = (catalog: string, oid: string) =>
  `NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = '${catalog}'::regclass AND d.objid = ${oid} AND d.deptype = 'e')`;

/** Tables, views and sequences in the database (not an extension's). */
async function relations(client: pg.ClientBase): Promise<{ name: string; kind: string }[]> {
  const { rows } = await client.query<{ name: string; kind: string }>(
    `SELECT format('%I.%I', n.nspname, c.relname) AS name, c.relkind::text AS kind
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND ${USER_SCHEMAS} AND ${notFromExtension("pg_class", "c.oid")}
      ORDER BY n.nspname <> 'public', c.relispartition, 1`,
  );
  return rows;
}

export async function assertEmpty(client: pg.ClientBase): Promise<void> {
  const found = await relations(client);
  if (!found.length) return;
  const database = (await client.query<{ db: string }>("SELECT current_database() AS db")).rows[0]!.db;
  throw new BackupError(
    `Refusing to restore: the database "${database}" is not empty (${found.length} tables, views or sequences, e.g. ${found.slice(0, 3).map((r) => r.name).join(", ")}). ` +
      "A restore only goes into an empty database and never merges into live data. Restore into a new database " +
      `(CREATE DATABASE parley_restored; then DATABASE_URL=…/parley_restored), or for the embedded database move .data/pg aside first. ` +
      `If an interrupted restore left it like this, drop and recreate it (DROP DATABASE "${database}" WITH (FORCE); CREATE DATABASE "${database}";) or delete .data/pg.`,
  );
}

/** What existed before the restore began, so a failed restore can drop only what it created. */
export interface TargetState {
  schemas: Set<string>;
  extensions: Set<string>;
  functions: Set<string>;
  types: Set<string>;
}

export async function captureState(client: pg.ClientBase): Promise<TargetState> {
  const set = async (sql: string) => new Set((await client.query<{ oid: string }>(sql)).rows.map((r) => r.oid));
  return {
    schemas: await set(`SELECT n.oid::text AS oid FROM pg_namespace n WHERE ${USER_SCHEMAS}`),
    extensions: await set(`SELECT oid::text AS oid FROM pg_extension`),
    functions: await set(`SELECT p.oid::text AS oid FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE ${USER_SCHEMAS}`),
    types: await set(`SELECT t.oid::text AS oid FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE ${USER_SCHEMAS}`),
  };
}

/**
 * Drops everything created since `before`: new extensions and schemas (pg-boss's), then every
 * table, view and sequence (the database had none), then new functions and types. Returns
 * normally only when the database is empty again.
 */
export async function dropCreatedObjects(client: pg.ClientBase, before: TargetState): Promise<void> {
  const created = async (sql: string, seen: Set<string>) =>
    (await client.query<{ oid: string; name: string }>(sql)).rows.filter((r) => !seen.has(r.oid));
  for (const e of await created(`SELECT oid::text AS oid, quote_ident(extname) AS name FROM pg_extension`, before.extensions)) {
    await client.query(`DROP EXTENSION IF EXISTS ${e.name} CASCADE`);
  }
  for (const s of await created(`SELECT n.oid::text AS oid, quote_ident(n.nspname) AS name FROM pg_namespace n WHERE ${USER_SCHEMAS}`, before.schemas)) {
    await client.query(`DROP SCHEMA IF EXISTS ${s.name} CASCADE`);
  }
  const dropBy: Record<string, string> = { r: "TABLE", p: "TABLE", f: "FOREIGN TABLE", v: "VIEW", m: "MATERIALIZED VIEW", S: "SEQUENCE" };
  for (const r of await relations(client)) await client.query(`DROP ${dropBy[r.kind]} IF EXISTS ${r.name} CASCADE`);
  const functions = await created(
    `SELECT p.oid::text AS oid, p.oid::regprocedure::text AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE ${USER_SCHEMAS} AND ${notFromExtension("pg_proc", "p.oid")}`,
    before.functions,
  );
  for (const f of functions) await client.query(`DROP ROUTINE IF EXISTS ${f.name} CASCADE`);
  const types = await created(
    `SELECT t.oid::text AS oid, t.oid::regtype::text AS name FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE ${USER_SCHEMAS} AND t.typtype IN ('e', 'd', 'r', 'm', 'c') AND (t.typrelid = 0 OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')
        AND ${notFromExtension("pg_type", "t.oid")}`,
    before.types,
  );
  for (const t of types) await client.query(`DROP TYPE IF EXISTS ${t.name} CASCADE`);
  await assertEmpty(client);
}

/** What to tell someone when emptying the target failed too. */
export function manualCleanupAdvice(database: string): string {
  return (
    `The database "${database}" was left partly restored. Empty it before trying again: drop and recreate it ` +
    `(DROP DATABASE "${database}" WITH (FORCE); CREATE DATABASE "${database}";), or, connected to it as its owner: ` +
    "DROP SCHEMA IF EXISTS pgboss CASCADE; DROP EXTENSION IF EXISTS pg_trgm CASCADE; DROP SCHEMA public CASCADE; " +
    "CREATE SCHEMA public AUTHORIZATION pg_database_owner; GRANT USAGE ON SCHEMA public TO PUBLIC; " +
    "For the embedded database you can also delete .data/pg (it is created again on the next start)."
  );
}

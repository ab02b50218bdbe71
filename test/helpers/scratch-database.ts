// Databases of a test's own on the test server (PARLEY_TEST_ADMIN_URL, from the global setup),
// and a fingerprint of every table's rows, for tests that copy whole databases around.
import { randomBytes } from "node:crypto";
import pg from "pg";

export interface ScratchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

async function onAdmin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.PARLEY_TEST_ADMIN_URL });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

export async function createScratchDatabase(label: string): Promise<ScratchDatabase> {
  const name = `parley_${label}_${randomBytes(4).toString("hex")}`;
  await onAdmin(`CREATE DATABASE ${name}`);
  const url = new URL(process.env.PARLEY_TEST_ADMIN_URL!);
  url.pathname = `/${name}`;
  return { name, url: url.toString(), drop: () => onAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

export async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** Row count and an md5 of every row (ordered by its text) for each table of the given schemas, partitions through their parent. */
export async function tableDigests(url: string, schemas: readonly string[] = ["public", "pgboss"]): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ label: string; sql: string }>(
      `SELECT format('%s.%s', n.nspname, c.relname) AS label,
              format('SELECT count(*) || '':'' || coalesce(md5(string_agg(t::text, '','' ORDER BY t::text)), ''-'') AS digest FROM %I.%I t', n.nspname, c.relname) AS sql
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = ANY($1) AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY 1`,
      [schemas],
    );
    const digests: Record<string, string> = {};
    for (const table of tables) digests[table.label] = (await client.query<{ digest: string }>(table.sql)).rows[0]!.digest;
    return digests;
  } finally {
    await client.end();
  }
}

/** Tables, views and sequences outside the system schemas: none in an empty database. */
export async function relationCount(url: string): Promise<number> {
  const [row] = await query<{ n: number }>(
    url,
    `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'`,
  );
  return row!.n;
}

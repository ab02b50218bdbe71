// Which tables and sequences a backup holds, read from the catalog: every table of the schemas
// Parley's data lives in (public with _prisma_migrations, and pg-boss's job queue schema).
import type pg from "pg";
import { JOB_SCHEMA } from "@/server/jobs/queues";

export const BACKUP_SCHEMAS = ["public", JOB_SCHEMA] as const;

/** pg-boss's queue table is merged rather than replaced on restore (see pgboss-queues.ts). */
export const JOB_QUEUE_TABLE = { schema: JOB_SCHEMA, name: "queue" } as const;

export interface CatalogTable {
  schema: string;
  name: string;
  /** A partitioned parent (pg-boss's job table): copied through its partitions. */
  partitioned: boolean;
  columns: string[];
}

export interface CatalogSequence {
  schema: string;
  name: string;
}

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;
export const qualified = (t: { schema: string; name: string }) => `${quote(t.schema)}.${quote(t.name)}`;
export const columnList = (columns: readonly string[]) => columns.map(quote).join(", ");

// Tables an extension owns are the extension's to create; partitions are read through their parent.
const NOT_FROM_EXTENSION = `NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')`;

/**
 * Tables in restore order: pg-boss's queue table comes before its job table, so a queue the
 * target lacks is created (with its job partition) before that queue's jobs arrive.
 */
export async function listTables(client: pg.ClientBase): Promise<CatalogTable[]> {
  const { rows } = await client.query<{ schema: string; name: string; relkind: string; columns: string[] }>(
    `SELECT n.nspname AS schema, c.relname AS name, c.relkind::text AS relkind,
            array_agg(a.attname::text ORDER BY a.attnum) AS columns
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      WHERE n.nspname = ANY($1) AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND ${NOT_FROM_EXTENSION}
      GROUP BY n.nspname, c.relname, c.relkind`,
    [BACKUP_SCHEMAS],
  );
  const rank = (t: { schema: string; name: string }) =>
    BACKUP_SCHEMAS.indexOf(t.schema as (typeof BACKUP_SCHEMAS)[number]) * 2 + (t.schema === JOB_QUEUE_TABLE.schema && t.name === JOB_QUEUE_TABLE.name ? 0 : 1);
  return rows
    .map((r) => ({ schema: r.schema, name: r.name, partitioned: r.relkind === "p", columns: r.columns }))
    .sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}

export async function listSequences(client: pg.ClientBase): Promise<CatalogSequence[]> {
  const { rows } = await client.query<CatalogSequence>(
    `SELECT n.nspname AS schema, c.relname AS name
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = ANY($1) AND c.relkind = 'S' AND ${NOT_FROM_EXTENSION}
      ORDER BY 1, 2`,
    [BACKUP_SCHEMAS],
  );
  return rows;
}

/** A sequence's position: null when nextval was never called (a fresh sequence restores as fresh). */
export async function sequencePosition(client: pg.ClientBase, sequence: CatalogSequence): Promise<string | null> {
  const { rows } = await client.query<{ last_value: string; is_called: boolean }>(`SELECT last_value::text, is_called FROM ${qualified(sequence)}`);
  return rows[0]!.is_called ? rows[0]!.last_value : null;
}

export const isJobQueueTable = (t: { schema: string; name: string }) => t.schema === JOB_QUEUE_TABLE.schema && t.name === JOB_QUEUE_TABLE.name;

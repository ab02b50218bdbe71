// The organization-export job: every tenant table's rows, read under the organization's own
// RLS scope (so nothing of another organization can slip in), as one CSV per table in a zip,
// with organization.json describing the organization and what the zip holds. Tables are read
// in keyset pages of 1,000 (short transactions) and streamed, so memory stays flat.
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { PassThrough } from "node:stream";
import archiver from "archiver";
import Papa from "papaparse";
import { Prisma } from "@/generated/prisma/client";
import { withOrg } from "@/server/db/tenant";
import { exportFilePath } from "./export-files";
import { EXPORT_KEEP_DAYS } from "./organization-export.service";

export interface ExportJob { exportId: string; orgId: string; userId: string }

const PAGE = 1000;
const FIRST_ID = "00000000-0000-0000-0000-000000000000";
// Credentials' hashes and secrets stay behind, even hashed.
const LEFT_OUT = /(_hash|_secret)$/;

/** A database value as one CSV cell. */
function cell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Prisma.Decimal) return value.toString();
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

async function tenantTables(actor: ExportJob): Promise<string[]> {
  const rows = await withOrg(actor, (tx) => tx.$queryRaw<{ name: string }[]>`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
      AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'organization_id' AND NOT a.attisdropped)
      AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'id' AND NOT a.attisdropped)
    ORDER BY 1`);
  // Names come from the catalog; the check keeps them plain identifiers all the same.
  return rows.map((r) => r.name).filter((n) => /^[a-z_][a-z0-9_]*$/.test(n));
}

async function progress(actor: ExportJob, data: Prisma.OrganizationExportUpdateInput) {
  await withOrg(actor, (tx) => tx.organizationExport.update({ where: { organizationId_id: { organizationId: actor.orgId, id: actor.exportId } }, data }));
}

/** Writes one table into the zip entry `pass`; returns its row count. */
async function writeTable(actor: ExportJob, table: string, pass: PassThrough): Promise<number> {
  let after = FIRST_ID;
  let columns: string[] | null = null;
  let count = 0;
  for (;;) {
    const rows = await withOrg(actor, (tx) => tx.$queryRaw<Record<string, unknown>[]>(
      Prisma.sql`SELECT * FROM ${Prisma.raw(`"${table}"`)} WHERE id > ${after}::uuid ORDER BY id LIMIT ${PAGE}`));
    if (!columns) {
      columns = rows.length ? Object.keys(rows[0]!).filter((c) => !LEFT_OUT.test(c)) : [];
      if (columns.length) pass.write(`${Papa.unparse([columns])}\r\n`);
    }
    if (!rows.length) break;
    const text = `${Papa.unparse(rows.map((r) => columns!.map((c) => cell(r[c]))), { escapeFormulae: true })}\r\n`;
    if (!pass.write(text)) await once(pass, "drain");
    count += rows.length;
    after = String(rows[rows.length - 1]!.id);
    if (rows.length < PAGE) break;
  }
  pass.end();
  return count;
}

export async function runOrganizationExport(job: ExportJob): Promise<void> {
  const file = exportFilePath(job.orgId, job.exportId);
  const partial = `${file}.part`;
  try {
    const tables = await tenantTables(job);
    await progress(job, { status: "running", startedAt: new Date(), tablesTotal: tables.length, tablesDone: 0, rowsExported: 0 });
    await mkdir(path.dirname(file), { recursive: true });
    const out = createWriteStream(partial);
    const archive = archiver("zip", { zlib: { level: 6 } });
    const failed = new Promise<never>((_, reject) => { archive.on("error", reject); out.on("error", reject); });
    failed.catch(() => {});
    archive.pipe(out);
    const counts: Record<string, number> = {};
    let total = 0;
    for (const [i, table] of tables.entries()) {
      await progress(job, { currentTable: table });
      const pass = new PassThrough();
      archive.append(pass, { name: `${table}.csv` });
      counts[table] = await Promise.race([writeTable(job, table, pass), failed]);
      total += counts[table]!;
      await progress(job, { tablesDone: i + 1, rowsExported: total });
    }
    const organization = await withOrg(job, (tx) => tx.organization.findUniqueOrThrow({
      where: { id: job.orgId },
      select: { id: true, name: true, slug: true, timezone: true, currency: true, logoUrl: true, subscriptionTier: true, subscriptionStatus: true, settings: true, features: true, createdAt: true },
    }));
    archive.append(JSON.stringify({ organization, exportedAt: new Date().toISOString(), exportId: job.exportId, tables: counts, format: "One CSV per table, UTF-8, header row, RFC 4180 quoting; JSON columns as JSON text." }, null, 2), { name: "organization.json" });
    await Promise.race([archive.finalize(), failed]);
    if (!out.closed) await Promise.race([once(out, "close"), failed]);
    await rename(partial, file);
    const size = (await stat(file)).size;
    await progress(job, { status: "completed", currentTable: null, fileSize: size, finishedAt: new Date(), expiresAt: new Date(Date.now() + EXPORT_KEEP_DAYS * 86_400_000) });
  } catch (error) {
    await rm(partial, { force: true });
    const message = error instanceof Error ? error.message : String(error);
    console.error(`organization export ${job.exportId} failed:`, message);
    await progress(job, { status: "failed", error: message.slice(0, 2000), finishedAt: new Date() }).catch(() => {});
  }
}

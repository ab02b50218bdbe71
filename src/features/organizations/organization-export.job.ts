// The organization-export job: every tenant table's rows, read under the organization's own
// RLS scope (so nothing of another organization can slip in), as one CSV per table in a zip,
// with organization.json describing the organization and what the zip holds. Tables are read
// in keyset pages of 1,000 (short transactions) and streamed, so memory stays flat.
//
// The job stamps the export's heartbeat while it works and writes only while its pg-boss job is
// the one named on the export row: a dead export is requeued (from scratch) or failed by the
// sweep (src/server/jobs/sweep.ts), which also removes the part file it left.
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { PassThrough } from "node:stream";
import archiver from "archiver";
import Papa from "papaparse";
import { Prisma } from "@/generated/prisma/client";
import { withOrg } from "@/server/db/tenant";
import { Abandoned, HEARTBEAT_MS, startHeartbeat, throwIfAbandoned, trackRun } from "@/server/jobs/liveness";
import { exportFilePath, exportPartPath } from "./export-files";
import { EXPORT_KEEP_DAYS } from "./organization-export.service";

export interface ExportJob { exportId: string; orgId: string; userId: string | null }

interface Run { job: ExportJob; jobId: string; signal: AbortSignal }

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

/** Writes progress while this run still owns the export (else it is abandoned); stamps the heartbeat. */
async function progress(run: Run, data: Prisma.OrganizationExportUpdateManyMutationInput) {
  throwIfAbandoned(run.signal);
  const owned = await withOrg(run.job, async (tx) => {
    const { count } = await tx.organizationExport.updateMany({ where: { id: run.job.exportId, jobId: run.jobId }, data });
    // On the database's clock, as the sweep reads it.
    if (count === 1) await tx.$executeRaw`UPDATE organization_exports SET heartbeat_at = now() WHERE id = ${run.job.exportId}::uuid`;
    return count === 1;
  });
  if (!owned) throw new Abandoned("the export was handed to another job");
}

const beat = (job: ExportJob, jobId: string) => withOrg(job, async (tx) => 1 === await tx.$executeRaw`
  UPDATE organization_exports SET heartbeat_at = now() WHERE id = ${job.exportId}::uuid AND job_id = ${jobId}::uuid AND status = 'running'`);

/** Writes one table into the zip entry `pass`; returns its row count. */
async function writeTable(run: Run, table: string, pass: PassThrough): Promise<number> {
  const actor = run.job;
  let after = FIRST_ID;
  let columns: string[] | null = null;
  let count = 0;
  for (;;) {
    throwIfAbandoned(run.signal);
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

/**
 * The organization-export job. Does nothing unless `jobId` owns the export; a failure is said on
 * the export for people (the details go to the log) and its part file is removed.
 */
export function runOrganizationExport(job: ExportJob, jobId: string, options: { heartbeatMs?: number } = {}): Promise<void> {
  return trackRun(async (controller) => {
    const tables = await tenantTables(job);
    const claimed = await withOrg(job, (tx) => tx.$executeRaw`
      UPDATE organization_exports SET status = 'running', started_at = now(), heartbeat_at = now(), tables_total = ${tables.length},
        tables_done = 0, rows_exported = 0, current_table = NULL
      WHERE id = ${job.exportId}::uuid AND job_id = ${jobId}::uuid AND status IN ('queued', 'running')`);
    if (claimed !== 1) return;
    const run: Run = { job, jobId, signal: controller.signal };
    const stopHeartbeat = startHeartbeat(controller, () => beat(job, jobId), options.heartbeatMs ?? HEARTBEAT_MS);
    const file = exportFilePath(job.orgId, job.exportId);
    const partial = exportPartPath(job.orgId, job.exportId, jobId);
    let out: ReturnType<typeof createWriteStream> | null = null;
    let archive: archiver.Archiver | null = null;
    try {
      await mkdir(path.dirname(file), { recursive: true });
      out = createWriteStream(partial);
      archive = archiver("zip", { zlib: { level: 6 } });
      const zip = archive;
      const failed = new Promise<never>((_, reject) => { zip.on("error", reject); out!.on("error", reject); });
      failed.catch(() => {});
      zip.pipe(out);
      const counts: Record<string, number> = {};
      let total = 0;
      for (const [i, table] of tables.entries()) {
        await progress(run, { currentTable: table });
        const pass = new PassThrough();
        zip.append(pass, { name: `${table}.csv` });
        counts[table] = await Promise.race([writeTable(run, table, pass), failed]);
        total += counts[table]!;
        await progress(run, { tablesDone: i + 1, rowsExported: total });
      }
      const organization = await withOrg(job, (tx) => tx.organization.findUniqueOrThrow({
        where: { id: job.orgId },
        select: { id: true, name: true, slug: true, timezone: true, currency: true, logoUrl: true, subscriptionTier: true, subscriptionStatus: true, settings: true, features: true, createdAt: true },
      }));
      zip.append(JSON.stringify({ organization, exportedAt: new Date().toISOString(), exportId: job.exportId, tables: counts, format: "One CSV per table, UTF-8, header row, RFC 4180 quoting; JSON columns as JSON text." }, null, 2), { name: "organization.json" });
      await Promise.race([zip.finalize(), failed]);
      if (!out.closed) await Promise.race([once(out, "close"), failed]);
      await progress(run, {});
      await rename(partial, file);
      const size = (await stat(file)).size;
      await progress(run, { status: "completed", currentTable: null, fileSize: size, finishedAt: new Date(), expiresAt: new Date(Date.now() + EXPORT_KEEP_DAYS * 86_400_000), jobId: null });
    } catch (error) {
      archive?.abort();
      out?.destroy();
      await rm(partial, { force: true });
      // Abandoned: this process stops or another job took over; the export starts again there.
      if (error instanceof Abandoned) return;
      console.error(`organization export ${job.exportId} failed:`, error instanceof Error ? error.stack ?? error.message : error);
      await progress(run, { status: "failed", error: "The export failed before it finished. Ask for a new one; if it fails again, tell us.", finishedAt: new Date(), jobId: null })
        .catch(() => {});
    } finally {
      stopHeartbeat();
    }
  });
}

// Runs an import as a pg-boss job (queue import-run): streams the file through papaparse, one
// transaction per batch, progress and counts on the import row for the page to poll. The next
// batch is parsed and validated while the previous one is written; when it is full before that
// write is done, the file and the parser pause, so at most two batches are ever in memory
// whatever the file's size. Batches are written one after another, so each one's duplicate
// lookup sees every company the earlier ones created.
//
// Each batch commits its records together with the import's progress, so a run that stops (its
// server died, or stopped) is resumed by a new job from the first row after the last committed
// batch, with exact counts (src/server/jobs/sweep.ts hands it over).
import { createReadStream } from "node:fs";
import Papa from "papaparse";
import type { Prisma } from "@/generated/prisma/client";
import { Abandoned, HEARTBEAT_MS, startHeartbeat, trackRun } from "@/server/jobs/liveness";
import { type BatchImport, type BatchRow, type Reject, importBatch } from "./import-batch";
import { type ImportResource, parseImportRow } from "./import-fields";
import { CSV_PARSE_OPTIONS, importFilePath, removeImportFile, uniqueHeaders } from "./import-files";
import { type ImportJob, beatImport, claimImport, fenceBatch, inImportScope, releaseImport } from "./import-job";

// 500, not 2000: the same speed (each row's own inserts dominate, not per-statement overhead)
// and a third of the peak memory, since each batch's parameters are copied several times.
export const BATCH_SIZE = 500;

interface Run { job: ImportJob; jobId: string; signal: AbortSignal }

async function writeBatch(run: Run, imp: BatchImport, rows: BatchRow[], parseRejects: Reject[], processed: number) {
  const { job } = run;
  await inImportScope(job, async (scope) => {
    await fenceBatch(scope, job, run.jobId, "running", run.signal);
    // A batch is redone from the file if the server dies mid-import; waiting for each commit to
    // reach the disk buys nothing here. The import row's progress commits with the batch.
    await scope.tx.$executeRaw`SET LOCAL synchronous_commit = off`;
    const out = rows.length ? await importBatch(scope, imp, rows) : { created: 0, updated: 0, skipped: 0, rejects: [] };
    const rejects = [...parseRejects, ...out.rejects];
    if (rejects.length) {
      await scope.tx.importReject.createMany({
        data: rejects.map((r) => ({ organizationId: job.orgId, importId: imp.id, rowNumber: r.rowNumber, reason: r.reason, raw: r.raw as Prisma.InputJsonValue })),
      });
    }
    await scope.tx.$executeRaw`
      UPDATE imports SET processed_rows = ${processed}, created_count = created_count + ${out.created}, updated_count = updated_count + ${out.updated},
        skipped_count = skipped_count + ${out.skipped}, rejected_count = rejected_count + ${rejects.length}, heartbeat_at = now()
      WHERE id = ${imp.id}::uuid`;
  });
}

/** Streams the file from the first row after `resumeAfter` data rows, writing batch by batch. */
function importFile(run: Run, batchImport: BatchImport, mapping: Record<string, string>, resumeAfter: number): Promise<void> {
  const { job } = run;
  return new Promise<void>((resolve, reject) => {
    let headers: string[] | null = null;
    let columns: [string, number][] = [];
    let rowNumber = 1;
    let batch: BatchRow[] = [];
    let rejects: Reject[] = [];
    let failed = false;
    let writing: Promise<void> = Promise.resolve();
    let busy = false;
    let parsing: Papa.Parser | null = null;
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      parsing?.abort();
      reject(error);
    };
    /** Hands the rows collected so far to the writer, behind the write in flight. */
    const take = () => {
      const next = { rows: batch, rejects, processed: rowNumber - 1 };
      batch = [];
      rejects = [];
      return () => {
        busy = true;
        writing = writeBatch(run, batchImport, next.rows, next.rejects, next.processed).then(() => { busy = false; });
        writing.catch(fail);
      };
    };
    // parser.pause() stops papaparse, not the file: without pausing the stream as well, the
    // whole file is read into papaparse's queue while the first batch is written.
    const input = createReadStream(importFilePath(job.orgId, job.importId));
    input.on("error", fail);
    Papa.parse<string[]>(input, {
      ...CSV_PARSE_OPTIONS,
      step: (result, parser) => {
        parsing = parser;
        if (failed) return;
        if (!headers) {
          headers = uniqueHeaders(result.data);
          columns = Object.entries(mapping).map(([field, header]) => [field, headers!.indexOf(header)] as [string, number]).filter(([, i]) => i >= 0);
          return;
        }
        rowNumber++;
        // Rows an earlier run of this import committed are already written (and counted).
        if (rowNumber - 1 <= resumeAfter) return;
        const raw = Object.fromEntries(headers.map((h, i) => [h, result.data[i] ?? ""]));
        const mapped = Object.fromEntries(columns.map(([field, i]) => [field, result.data[i] ?? ""]));
        const parsed = parseImportRow(batchImport.resource, mapped);
        if ("error" in parsed) rejects.push({ rowNumber, reason: parsed.error, raw });
        else batch.push({ rowNumber, raw, values: parsed.values });
        if (batch.length + rejects.length >= BATCH_SIZE) {
          const write = take();
          if (!busy) return write();
          parser.pause();
          input.pause();
          writing.then(() => { write(); input.resume(); parser.resume(); }, () => parser.abort());
        }
      },
      complete: () => {
        if (failed) return;
        const write = take();
        writing.then(() => { write(); return writing; }).then(resolve, fail);
      },
      error: (error: Error) => fail(error),
    });
  });
}

/**
 * The import-run job: imports the file (or the rest of it, when resuming), then marks the import
 * completed, or failed with a message for people (the details go to the log). Resolves when done;
 * does nothing if `jobId` does not own the import.
 */
export function runImport(job: ImportJob, jobId: string, options: { heartbeatMs?: number } = {}): Promise<void> {
  return trackRun(async (controller) => {
    const imp = await claimImport(job, jobId, "running");
    if (!imp) return;
    const run: Run = { job, jobId, signal: controller.signal };
    const stopHeartbeat = startHeartbeat(controller, () => beatImport(job, jobId, "running"), options.heartbeatMs ?? HEARTBEAT_MS);
    const mapping = imp.mapping as Record<string, string>;
    const mapped = new Set(Object.values(mapping));
    const batchImport: BatchImport = {
      id: imp.id, resource: imp.resource as ImportResource, duplicateStrategy: imp.duplicateStrategy, fileName: imp.fileName,
      unmappedColumns: (imp.headers as string[]).filter((h) => !mapped.has(h)),
    };
    try {
      await importFile(run, batchImport, mapping, imp.processedRows);
      await inImportScope(job, async (scope) => {
        await fenceBatch(scope, job, jobId, "running", run.signal);
        await releaseImport(scope, job, jobId, "running", { status: "completed", finishedAt: new Date() });
        const counts = await scope.tx.import.findUniqueOrThrow({
          where: { organizationId_id: { organizationId: job.orgId, id: job.importId } },
          select: { createdCount: true, updatedCount: true, skippedCount: true, rejectedCount: true, processedRows: true },
        });
        await scope.audit({ action: "import.complete", resourceType: "import", resourceId: job.importId, details: counts });
      });
      // Undo needs the records, not the file.
      await removeImportFile(job.orgId, job.importId);
    } catch (error) {
      // Abandoned: this process stops or another job took over; whoever resumes writes the rest.
      if (error instanceof Abandoned) return;
      console.error(`import ${job.importId} failed:`, error instanceof Error ? error.stack ?? error.message : error);
      await inImportScope(job, async (scope) => {
        const row = await scope.tx.import.findUniqueOrThrow({ where: { organizationId_id: { organizationId: job.orgId, id: job.importId } }, select: { processedRows: true, totalRows: true } });
        const message = `The import stopped after ${row.processedRows} of ${row.totalRows} rows because of an error. Undo it to remove what it wrote, then import the file again.`;
        if (await releaseImport(scope, job, jobId, "running", { status: "failed", error: message, finishedAt: new Date() })) {
          await scope.audit({ action: "import.fail", resourceType: "import", resourceId: job.importId, details: { error: message } });
        }
      }).catch((e: unknown) => console.error(`import ${job.importId}: could not record the failure:`, e instanceof Error ? e.message : e));
    } finally {
      stopHeartbeat();
    }
  });
}

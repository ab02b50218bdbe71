// Runs an import in the background of the server process: streams the file through papaparse,
// one transaction per batch, progress and counts on the import row for the page to poll. The
// next batch is parsed and validated while the previous one is written; when it is full before
// that write is done, the file and the parser pause, so at most two batches are ever in memory
// whatever the file's size. Batches are written one after another, so each one's duplicate
// lookup sees every company the earlier ones created.
import { createReadStream } from "node:fs";
import Papa from "papaparse";
import type { Prisma } from "@/generated/prisma/client";
import { createOrgScope } from "@/server/api/scope";
import { withOrg } from "@/server/db/tenant";
import { type BatchImport, type BatchRow, type Reject, importBatch } from "./import-batch";
import { type ImportResource, parseImportRow } from "./import-fields";
import { CSV_PARSE_OPTIONS, importFilePath, removeImportFile, uniqueHeaders } from "./import-files";

// 500, not 2000: the same speed (each row's own inserts dominate, not per-statement overhead)
// and a third of the peak memory, since each batch's parameters are copied several times.
export const BATCH_SIZE = 500;
const NO_REQUEST = { ip: null, userAgent: "import" };

interface Actor { orgId: string; userId: string }

async function inScope<T>(actor: Actor, fn: (scope: ReturnType<typeof createOrgScope>) => Promise<T>): Promise<T> {
  return withOrg(actor, (tx) => fn(createOrgScope(tx, { ...actor, meta: NO_REQUEST })));
}

async function writeBatch(actor: Actor, imp: BatchImport, rows: BatchRow[], parseRejects: Reject[], processed: number) {
  await inScope(actor, async (scope) => {
    // A batch is redone from the file if the server dies mid-import; waiting for each commit to
    // reach the disk buys nothing here. The import row's progress commits with the batch.
    await scope.tx.$executeRaw`SET LOCAL synchronous_commit = off`;
    const out = rows.length ? await importBatch(scope, imp, rows) : { created: 0, updated: 0, skipped: 0, rejects: [] };
    const rejects = [...parseRejects, ...out.rejects];
    if (rejects.length) {
      await scope.tx.importReject.createMany({
        data: rejects.map((r) => ({ organizationId: actor.orgId, importId: imp.id, rowNumber: r.rowNumber, reason: r.reason, raw: r.raw as Prisma.InputJsonValue })),
      });
    }
    await scope.tx.import.update({
      where: { organizationId_id: { organizationId: actor.orgId, id: imp.id } },
      data: {
        processedRows: processed, createdCount: { increment: out.created }, updatedCount: { increment: out.updated },
        skippedCount: { increment: out.skipped }, rejectedCount: { increment: rejects.length },
      },
    });
  });
}

/** The request that started the import commits just after scheduling this; wait to see it. */
async function waitUntilRunning(actor: Actor, importId: string) {
  for (let attempt = 0; attempt < 100; attempt++) {
    const imp = await inScope(actor, (scope) => scope.tx.import.findUnique({ where: { organizationId_id: { organizationId: actor.orgId, id: importId } } }));
    if (imp?.status === "running") return imp;
    if (imp && imp.status !== "uploaded") return null;
    await new Promise((r) => setTimeout(r, 50));
  }
  return null;
}

/** Imports the whole file; resolves when done (the caller decides whether to wait). */
export async function runImport(actor: Actor, importId: string): Promise<void> {
  const imp = await waitUntilRunning(actor, importId);
  if (!imp) return console.error(`import ${importId} never started`);
  const mapping = imp.mapping as Record<string, string>;
  const mapped = new Set(Object.values(mapping));
  const batchImport: BatchImport = {
    id: imp.id, resource: imp.resource as ImportResource, duplicateStrategy: imp.duplicateStrategy, fileName: imp.fileName,
    unmappedColumns: (imp.headers as string[]).filter((h) => !mapped.has(h)),
  };
  try {
    await new Promise<void>((resolve, reject) => {
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
        const job = { rows: batch, rejects, processed: rowNumber - 1 };
        batch = [];
        rejects = [];
        return () => {
          busy = true;
          writing = writeBatch(actor, batchImport, job.rows, job.rejects, job.processed).then(() => { busy = false; });
          writing.catch(fail);
        };
      };
      // parser.pause() stops papaparse, not the file: without pausing the stream as well, the
      // whole file is read into papaparse's queue while the first batch is written.
      const input = createReadStream(importFilePath(actor.orgId, importId));
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
        error: (error: Error) => reject(error),
      });
    });
    await inScope(actor, async (scope) => {
      const done = await scope.tx.import.update({
        where: { organizationId_id: { organizationId: actor.orgId, id: importId } },
        data: { status: "completed", finishedAt: new Date() },
        select: { createdCount: true, updatedCount: true, skippedCount: true, rejectedCount: true, processedRows: true },
      });
      await scope.audit({ action: "import.complete", resourceType: "import", resourceId: importId, details: done });
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`import ${importId} failed:`, message);
    await inScope(actor, async (scope) => {
      await scope.tx.import.update({ where: { organizationId_id: { organizationId: actor.orgId, id: importId } }, data: { status: "failed", error: message.slice(0, 2000), finishedAt: new Date() } });
      await scope.audit({ action: "import.fail", resourceType: "import", resourceId: importId, details: { error: message.slice(0, 500) } });
    });
  } finally {
    await removeImportFile(actor.orgId, importId);
  }
}

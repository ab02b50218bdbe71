import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { AppError, notFound } from "@/server/api/errors";
import type { OrgScope } from "@/server/api/scope";
import { enqueue } from "@/server/jobs/boss";
import { STALE_AFTER_MS } from "@/server/jobs/liveness";
import { QUEUES } from "@/server/jobs/queues";
import type { ImportJob } from "./import-job";
import { IMPORT_FIELDS, type ImportResource, suggestMapping } from "./import-fields";
import { claimStagedFile, discardStaged, importFilePath, stagedPath, summarize } from "./import-files";
import type { createImportSchema, listRejectsSchema, startImportSchema } from "./imports.schema";

const key = (scope: OrgScope, id: string) => ({ organizationId_id: { organizationId: scope.orgId, id } });

/** Registers an uploaded file: its columns, a preview, its row count and a suggested mapping. */
export async function createImport(scope: OrgScope, input: z.output<typeof createImportSchema>) {
  let summary: Awaited<ReturnType<typeof summarize>>;
  try {
    summary = await summarize(stagedPath(input.uploadToken));
  } catch {
    throw new AppError("BAD_REQUEST", "That upload could not be read; upload the file again", "uploadToken");
  }
  if (!summary.headers.length) {
    await discardStaged(input.uploadToken);
    throw new AppError("BAD_REQUEST", "The file is empty", "uploadToken");
  }
  if (!summary.rows) {
    await discardStaged(input.uploadToken);
    throw new AppError("BAD_REQUEST", "The file has a header row but no data rows", "uploadToken");
  }
  const mapping = suggestMapping(input.resource, summary.headers);
  const row = await scope.tx.import.create({
    data: {
      organizationId: scope.orgId, resource: input.resource, fileName: input.fileName, fileSize: 0, headers: summary.headers,
      preview: summary.preview, mapping, totalRows: summary.rows, createdBy: scope.userId,
    },
    select: { id: true },
  });
  const size = await claimStagedFile(input.uploadToken, scope.orgId, row.id);
  await scope.tx.import.update({ where: key(scope, row.id), data: { fileSize: size } });
  await scope.audit({ action: "import.upload", resourceType: "import", resourceId: row.id, newValues: { resource: input.resource, fileName: input.fileName, rows: summary.rows, size } });
  return { id: row.id };
}

export async function getImport(scope: OrgScope, id: string) {
  const row = await scope.tx.import.findUnique({
    where: key(scope, id),
    include: { creator: { select: { fullName: true } }, undoer: { select: { fullName: true } } },
  });
  if (!row) throw notFound("Import");
  return { ...row, fileSize: Number(row.fileSize), headers: row.headers as string[], preview: row.preview as string[][], mapping: row.mapping as Record<string, string> };
}

export async function listImports(scope: OrgScope) {
  const rows = await scope.tx.import.findMany({
    orderBy: { createdAt: "desc" }, take: 50,
    select: { id: true, resource: true, fileName: true, status: true, totalRows: true, processedRows: true, createdCount: true, updatedCount: true, skippedCount: true, rejectedCount: true, createdAt: true, creator: { select: { fullName: true } } },
  });
  return rows;
}

export async function listRejects(scope: OrgScope, input: z.output<typeof listRejectsSchema>) {
  await getImport(scope, input.id);
  return scope.tx.importReject.findMany({ where: { importId: input.id, rowNumber: { gt: input.afterRow } }, orderBy: { rowNumber: "asc" }, take: input.limit, select: { rowNumber: true, reason: true, raw: true } });
}

/**
 * Sends an import's job once the transaction that handed it `jobId` has committed. Should sending
 * fail, the import still says it is running or undoing: the sweep (src/server/jobs/sweep.ts)
 * finds no job behind it once its heartbeat is stale and sends one.
 */
function sendAfterCommit(scope: OrgScope, queue: typeof QUEUES.importRun | typeof QUEUES.importUndo, importId: string, jobId: string) {
  const job: ImportJob = { importId, orgId: scope.orgId, userId: scope.userId };
  scope.afterCommit(() => enqueue(queue, job, { id: jobId }));
}

/** Checks the mapping against the file and the resource, then marks the import running and sends its job. */
export async function startImport(scope: OrgScope, input: z.output<typeof startImportSchema>) {
  const imp = await getImport(scope, input.id);
  if (imp.status !== "uploaded") throw new AppError("CONFLICT", `This import is already ${imp.status}`, "id");
  const fields = IMPORT_FIELDS[imp.resource as ImportResource];
  const mapping = Object.fromEntries(Object.entries(input.mapping).filter(([, header]) => header));
  for (const [field, header] of Object.entries(mapping)) {
    if (!fields.some((f) => f.key === field)) throw new AppError("BAD_REQUEST", `${field} is not something ${imp.resource} can be imported with`, "mapping");
    if (!imp.headers.includes(header)) throw new AppError("BAD_REQUEST", `The file has no column called “${header}”`, "mapping");
  }
  const required = fields.find((f) => f.required)!;
  if (!mapping[required.key]) throw new AppError("BAD_REQUEST", `Choose the column that holds the ${required.label.toLowerCase()}`, `mapping.${required.key}`);
  const jobId = randomUUID();
  const { count } = await scope.tx.import.updateMany({
    where: { id: imp.id, status: "uploaded" },
    data: { mapping, duplicateStrategy: input.duplicateStrategy, status: "running", startedAt: new Date(), jobId, attempts: 1 },
  });
  if (count !== 1) throw new AppError("CONFLICT", "This import has already been started", "id");
  // The heartbeat on the database's clock, as the sweep reads it.
  await scope.tx.$executeRaw`UPDATE imports SET heartbeat_at = now() WHERE id = ${imp.id}::uuid`;
  await scope.audit({ action: "import.start", resourceType: "import", resourceId: imp.id, newValues: { mapping, duplicateStrategy: input.duplicateStrategy } });
  sendAfterCommit(scope, QUEUES.importRun, imp.id, jobId);
  return { id: imp.id, file: importFilePath(scope.orgId, imp.id), jobId };
}

/**
 * Asks for an import to be undone: a background job removes what it created and restores what
 * it updated, batch by batch (import-undo.ts), while the page shows its progress. An undo that
 * stopped (an error, or its server gave out too often) can be asked for again and carries on
 * where it stopped.
 */
export async function undoImport(scope: OrgScope, id: string) {
  const imp = await getImport(scope, id);
  if (imp.status === "undone") throw new AppError("CONFLICT", "This import has already been undone", "id");
  if (imp.status === "running" || imp.status === "uploaded") throw new AppError("CONFLICT", "Only a finished import can be undone", "id");
  if (imp.status === "undoing" && !imp.error) {
    const [live] = await scope.tx.$queryRaw<{ live: boolean }[]>`
      SELECT coalesce(heartbeat_at > now() - make_interval(secs => ${STALE_AFTER_MS / 1000}), false) AS live FROM imports WHERE id = ${id}::uuid`;
    if (live?.live) throw new AppError("CONFLICT", "This import is already being undone", "id");
  }
  const jobId = randomUUID();
  const fresh = imp.status !== "undoing";
  const n = await scope.tx.$executeRaw`
    UPDATE imports SET status = 'undoing', job_id = ${jobId}::uuid, heartbeat_at = now(), attempts = 1, error = NULL, undone_by = ${scope.userId}::uuid,
      undo_total = CASE WHEN ${fresh} THEN 0 ELSE undo_total END, undo_done = CASE WHEN ${fresh} THEN 0 ELSE undo_done END
    WHERE id = ${id}::uuid AND status = ${imp.status}::import_status AND job_id IS NOT DISTINCT FROM ${imp.jobId}::uuid`;
  if (n !== 1) throw new AppError("CONFLICT", "This import changed meanwhile; reload the page", "id");
  await scope.audit({ action: fresh ? "import.undo_start" : "import.undo_retry", resourceType: "import", resourceId: id });
  sendAfterCommit(scope, QUEUES.importUndo, id, jobId);
  return { id, status: "undoing" as const };
}

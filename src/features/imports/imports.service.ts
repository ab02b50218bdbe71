import type { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { AppError, notFound } from "@/server/api/errors";
import type { OrgScope } from "@/server/api/scope";
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

/** Checks the mapping against the file and the resource, then marks the import running. */
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
  await scope.tx.import.update({ where: key(scope, imp.id), data: { mapping, duplicateStrategy: input.duplicateStrategy, status: "running", startedAt: new Date() } });
  await scope.audit({ action: "import.start", resourceType: "import", resourceId: imp.id, newValues: { mapping, duplicateStrategy: input.duplicateStrategy } });
  return { id: imp.id, file: importFilePath(scope.orgId, imp.id) };
}

/**
 * Undoes a whole import in one transaction: records it created are deleted (with what hangs
 * off them), records it updated get their previous values back.
 */
export async function undoImport(scope: OrgScope, id: string) {
  const imp = await getImport(scope, id);
  if (imp.status === "undone") throw new AppError("CONFLICT", "This import has already been undone", "id");
  if (imp.status === "running" || imp.status === "uploaded") throw new AppError("CONFLICT", "Only a finished import can be undone", "id");
  // Their timeline entries go first: timeline events point at records by type and id, no FK.
  const timelineEvents = await deleteTimelineOfCreated(scope, id);
  const leads = await scope.tx.lead.deleteMany({ where: { importId: id } });
  const contacts = await scope.tx.contact.deleteMany({ where: { importId: id } });
  const companies = await scope.tx.company.deleteMany({ where: { importId: id } });
  const updated = await scope.tx.importRecord.findMany({ where: { importId: id, action: "updated" }, orderBy: { id: "desc" }, select: { recordType: true, recordId: true, previous: true } });
  for (const u of updated) {
    const data = (u.previous ?? {}) as Record<string, unknown>;
    const where = key(scope, u.recordId);
    if (u.recordType === "company") await scope.tx.company.updateMany({ where: where.organizationId_id, data: data as Prisma.CompanyUpdateManyMutationInput });
    if (u.recordType === "contact") await scope.tx.contact.updateMany({ where: where.organizationId_id, data: data as Prisma.ContactUpdateManyMutationInput });
    if (u.recordType === "lead") await scope.tx.lead.updateMany({ where: where.organizationId_id, data: data as Prisma.LeadUncheckedUpdateManyInput });
  }
  await scope.tx.import.update({ where: key(scope, id), data: { status: "undone", undoneAt: new Date(), undoneBy: scope.userId } });
  const result = { leads: leads.count, contacts: contacts.count, companies: companies.count, restored: updated.length, timelineEvents };
  await scope.audit({ action: "import.undo", resourceType: "import", resourceId: id, details: result });
  return result;
}

/** Deletes, set-based, what happened on the records an import created (a whole import can be 100k rows). */
async function deleteTimelineOfCreated(scope: OrgScope, importId: string): Promise<number> {
  const leads = await scope.tx.$executeRaw`
    DELETE FROM timeline_events t USING leads r WHERE r.import_id = ${importId}::uuid AND t.subject_type = 'lead' AND t.subject_id = r.id`;
  const contacts = await scope.tx.$executeRaw`
    DELETE FROM timeline_events t USING contacts r WHERE r.import_id = ${importId}::uuid AND t.subject_type = 'contact' AND t.subject_id = r.id`;
  const companies = await scope.tx.$executeRaw`
    DELETE FROM timeline_events t USING companies r WHERE r.import_id = ${importId}::uuid AND t.subject_type = 'company' AND t.subject_id = r.id`;
  return leads + contacts + companies;
}

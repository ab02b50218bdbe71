// Asking for, listing and reading exports of everything an organization holds. The work itself
// is a background job (organization-export.job.ts); the row here is its progress.
import { AppError, notFound } from "@/server/api/errors";
import type { OrgScope } from "@/server/api/scope";
import { enqueue } from "@/server/jobs/boss";
import { QUEUES } from "@/server/jobs/queues";
import { markExportFailed } from "@/server/db/system/organization-lifecycle";

export const EXPORT_KEEP_DAYS = 7;

const SELECT = {
  id: true, status: true, tablesTotal: true, tablesDone: true, rowsExported: true, currentTable: true, fileSize: true, error: true,
  startedAt: true, finishedAt: true, expiresAt: true, createdAt: true, requester: { select: { fullName: true } },
} as const;

type Row = { rowsExported: bigint; fileSize: bigint | null; expiresAt: Date | null; status: string };
const shape = <T extends Row>(row: T): Omit<T, "rowsExported" | "fileSize"> & { rowsExported: number; fileSize: number | null; downloadable: boolean } => ({
  ...row,
  rowsExported: Number(row.rowsExported),
  fileSize: row.fileSize === null ? null : Number(row.fileSize),
  downloadable: row.status === "completed" && !!row.expiresAt && row.expiresAt > new Date(),
});

export async function requestOrganizationExport(scope: OrgScope) {
  const busy = await scope.tx.organizationExport.findFirst({ where: { status: { in: ["queued", "running"] } }, select: { id: true } });
  if (busy) throw new AppError("CONFLICT", "An export is already being made; wait for it to finish", "id");
  const row = await scope.tx.organizationExport.create({ data: { organizationId: scope.orgId, requestedBy: scope.userId }, select: { id: true } });
  await scope.audit({ action: "organization.export", resourceType: "organization_export", resourceId: row.id });
  const job = { exportId: row.id, orgId: scope.orgId, userId: scope.userId };
  scope.afterCommit(async () => {
    try {
      await enqueue(QUEUES.organizationExport, job);
    } catch (error) {
      await markExportFailed(scope.orgId, row.id, `Could not start the export: ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    }
  });
  return row;
}

export async function listOrganizationExports(scope: OrgScope) {
  const rows = await scope.tx.organizationExport.findMany({ orderBy: { createdAt: "desc" }, take: 20, select: SELECT });
  return rows.map(shape);
}

export async function getOrganizationExport(scope: OrgScope, id: string) {
  const row = await scope.tx.organizationExport.findUnique({ where: { organizationId_id: { organizationId: scope.orgId, id } }, select: SELECT });
  if (!row) throw notFound("Export");
  return shape(row);
}

// Asking for, listing and reading exports of everything an organization holds. The work itself
// is a background job (organization-export.job.ts); the row here is its progress.
import { randomUUID } from "node:crypto";
import { AppError, notFound } from "@/server/api/errors";
import type { OrgScope } from "@/server/api/scope";
import { enqueue, isJobWaiting } from "@/server/jobs/boss";
import { STALE_AFTER_MS } from "@/server/jobs/liveness";
import { QUEUES } from "@/server/jobs/queues";
import { markExportFailed } from "@/server/db/system/organization-lifecycle";
import { removeExportParts } from "./export-files";

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

/** The stale limit can be made shorter (tests); the sweep uses the same one. */
export async function requestOrganizationExport(scope: OrgScope, options: { staleAfterMs?: number } = {}) {
  // One export at a time, but only while a worker is on it (its heartbeat is fresh) or its job
  // still waits for a worker: an export whose server died does not block the next one.
  const busy = await scope.tx.$queryRaw<{ id: string; jobId: string | null; live: boolean }[]>`
    SELECT id, job_id AS "jobId", coalesce(heartbeat_at > now() - make_interval(secs => ${(options.staleAfterMs ?? STALE_AFTER_MS) / 1000}), false) AS live
    FROM organization_exports WHERE status IN ('queued', 'running') FOR UPDATE`;
  for (const b of busy) {
    if (b.live || (b.jobId && (await isJobWaiting(QUEUES.organizationExport, b.jobId)))) {
      throw new AppError("CONFLICT", "An export is already being made; wait for it to finish", "id");
    }
  }
  for (const dead of busy) {
    await scope.tx.organizationExport.updateMany({
      where: { id: dead.id, jobId: dead.jobId },
      data: { status: "failed", error: "The export stopped before it finished (its server went away). Ask for a new one.", finishedAt: new Date(), jobId: null, heartbeatAt: null },
    });
    scope.afterCommit(() => removeExportParts(scope.orgId, dead.id));
  }
  const jobId = randomUUID();
  const row = await scope.tx.organizationExport.create({ data: { organizationId: scope.orgId, requestedBy: scope.userId, jobId, attempts: 1 }, select: { id: true } });
  // The heartbeat on the database's clock, as the sweep reads it: the job has that long to start.
  await scope.tx.$executeRaw`UPDATE organization_exports SET heartbeat_at = now() WHERE id = ${row.id}::uuid`;
  await scope.audit({ action: "organization.export", resourceType: "organization_export", resourceId: row.id, details: busy.length ? { replacesStopped: busy.map((b) => b.id) } : undefined });
  const job = { exportId: row.id, orgId: scope.orgId, userId: scope.userId };
  scope.afterCommit(async () => {
    try {
      await enqueue(QUEUES.organizationExport, job, { id: jobId });
    } catch (error) {
      await markExportFailed(scope.orgId, row.id, "Could not start the export; try again in a minute.");
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

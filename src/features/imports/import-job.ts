// What an import's jobs (running it, undoing it) share: the job's data, and the fence that lets
// only the pg-boss job named on the import row write to it. The sweep gives stale work a new job
// id, so a worker it gave up on (a stalled process that comes back) finds itself fenced out.
import { Prisma } from "@/generated/prisma/client";
import { createOrgScope, type OrgScope } from "@/server/api/scope";
import { withOrg } from "@/server/db/tenant";
import { Abandoned, throwIfAbandoned } from "@/server/jobs/liveness";

export interface ImportJob { importId: string; orgId: string; userId: string | null }

export type ImportPhase = "running" | "undoing";

const NO_REQUEST = { ip: null, userAgent: "import" };

/** A scoped transaction acting for the job's user (or for nobody, once that account is gone). */
export function inImportScope<T>(job: ImportJob, fn: (scope: OrgScope) => Promise<T>): Promise<T> {
  const actor = { orgId: job.orgId, userId: job.userId };
  return withOrg(actor, (tx) => fn(createOrgScope(tx, { orgId: job.orgId, userId: job.userId as string, meta: NO_REQUEST })));
}

/**
 * Takes the job's import row: stamps the heartbeat if `jobId` owns it in `phase`. Null when it
 * does not (another job has it, or it is finished): the caller then does nothing.
 */
export async function claimImport(job: ImportJob, jobId: string, phase: ImportPhase) {
  return inImportScope(job, async (scope) => {
    const rows = await scope.tx.$queryRaw<{ id: string }[]>`
      UPDATE imports SET heartbeat_at = now() WHERE id = ${job.importId}::uuid AND job_id = ${jobId}::uuid AND status = ${phase}::import_status
      RETURNING id`;
    if (!rows.length) return null;
    return scope.tx.import.findUniqueOrThrow({ where: { organizationId_id: { organizationId: job.orgId, id: job.importId } } });
  });
}

/** The heartbeat: true while `jobId` still owns the import in `phase`. */
export async function beatImport(job: ImportJob, jobId: string, phase: ImportPhase): Promise<boolean> {
  const n = await withOrg({ orgId: job.orgId, userId: job.userId }, (tx) => tx.$executeRaw`
    UPDATE imports SET heartbeat_at = now() WHERE id = ${job.importId}::uuid AND job_id = ${jobId}::uuid AND status = ${phase}::import_status`);
  return n === 1;
}

/**
 * Opens a batch: locks the import row if `jobId` still owns it (else the batch is abandoned and
 * rolls back), then checks that this run was not abandoned while it waited for the lock. A run
 * stopped here rolls its batch back, exactly as a process that died mid-batch would.
 */
export async function fenceBatch(scope: OrgScope, job: ImportJob, jobId: string, phase: ImportPhase, signal: AbortSignal): Promise<void> {
  const owned = await scope.tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM imports WHERE id = ${job.importId}::uuid AND job_id = ${jobId}::uuid AND status = ${phase}::import_status FOR UPDATE`;
  if (!owned.length) throw new Abandoned("the import was handed to another job");
  throwIfAbandoned(signal);
}

/** Ends the run's ownership with `data` (its outcome); false when it was no longer the owner. */
export async function releaseImport(scope: OrgScope, job: ImportJob, jobId: string, phase: ImportPhase, data: Prisma.ImportUpdateManyMutationInput): Promise<boolean> {
  const { count } = await scope.tx.import.updateMany({
    where: { id: job.importId, jobId, status: phase },
    data: { ...data, jobId: null, heartbeatAt: null },
  });
  return count === 1;
}

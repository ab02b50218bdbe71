// Undoes an import as a pg-boss job (queue import-undo), in batches: each batch is its own short
// transaction that removes up to UNDO_BATCH records the import created (with their timeline
// entries, and through the foreign keys' cascades what hangs off them) or restores the previous
// values of records it updated, and adds them to the import's undo progress. A 100,000-row
// import so stays far inside the statement timeout, the page shows how far it got, and a run
// that stops (its server died) is resumed by a new job where the last batch committed: what is
// left to undo is exactly what still carries the import's id.
import { Prisma } from "@/generated/prisma/client";
import type { OrgScope } from "@/server/api/scope";
import { Abandoned, HEARTBEAT_MS, startHeartbeat, trackRun } from "@/server/jobs/liveness";
import { type ImportJob, beatImport, claimImport, fenceBatch, inImportScope, releaseImport } from "./import-job";

export const UNDO_BATCH = 1000;
/** Restores are one UPDATE per record; smaller batches keep each transaction short. */
const RESTORE_BATCH = 200;

// Children first: leads point at companies and contacts. Names are fixed here, never input.
const CREATED = [
  { table: "leads", subject: "lead" },
  { table: "contacts", subject: "contact" },
  { table: "companies", subject: "company" },
] as const;

export interface UndoOptions { batchSize?: number; heartbeatMs?: number }

interface Counts { leads: number; contacts: number; companies: number; restored: number; timelineEvents: number }

/** Records the undo will remove or restore, counted once when it starts (not again on resume). */
async function countWork(scope: OrgScope, importId: string): Promise<number> {
  const [row] = await scope.tx.$queryRaw<{ n: number }[]>`
    SELECT ((SELECT count(*) FROM leads WHERE import_id = ${importId}::uuid)
      + (SELECT count(*) FROM contacts WHERE import_id = ${importId}::uuid)
      + (SELECT count(*) FROM companies WHERE import_id = ${importId}::uuid)
      + (SELECT count(*) FROM import_records WHERE import_id = ${importId}::uuid AND action = 'updated'))::int AS n`;
  return row!.n;
}

/** Deletes up to `limit` records of one kind the import created, with their timeline entries. */
async function deleteCreated(scope: OrgScope, kind: (typeof CREATED)[number], importId: string, limit: number) {
  // Organization from RLS, as everywhere in the import. Timeline events point at records by type
  // and id, with no foreign key, so they are deleted here; the rest goes by cascade.
  const [row] = await scope.tx.$queryRaw<{ records: number; timeline: number }[]>(Prisma.sql`
    WITH batch AS (SELECT id FROM ${Prisma.raw(kind.table)} WHERE import_id = ${importId}::uuid LIMIT ${limit}),
    timeline AS (DELETE FROM timeline_events t USING batch b WHERE t.subject_type = ${kind.subject} AND t.subject_id = b.id RETURNING 1),
    records AS (DELETE FROM ${Prisma.raw(kind.table)} r USING batch b WHERE r.id = b.id RETURNING 1)
    SELECT (SELECT count(*) FROM records)::int AS records, (SELECT count(*) FROM timeline)::int AS timeline`);
  return row!;
}

/** Puts back, newest change first, the previous values of up to RESTORE_BATCH updated records. */
async function restoreUpdated(scope: OrgScope, importId: string): Promise<number> {
  const batch = await scope.tx.importRecord.findMany({
    where: { importId, action: "updated" }, orderBy: { id: "desc" }, take: RESTORE_BATCH,
    select: { id: true, recordType: true, recordId: true, previous: true },
  });
  for (const u of batch) {
    const data = (u.previous ?? {}) as Record<string, unknown>;
    const where = { organizationId: scope.orgId, id: u.recordId };
    if (u.recordType === "company") await scope.tx.company.updateMany({ where, data: data as Prisma.CompanyUpdateManyMutationInput });
    if (u.recordType === "contact") await scope.tx.contact.updateMany({ where, data: data as Prisma.ContactUpdateManyMutationInput });
    if (u.recordType === "lead") await scope.tx.lead.updateMany({ where, data: data as Prisma.LeadUncheckedUpdateManyInput });
  }
  // Done with: a resumed undo must not put them back a second time over later edits.
  if (batch.length) await scope.tx.importRecord.deleteMany({ where: { id: { in: batch.map((u) => u.id) } } });
  return batch.length;
}

const progress = (scope: OrgScope, importId: string, n: number) =>
  scope.tx.$executeRaw`UPDATE imports SET undo_done = undo_done + ${n}, heartbeat_at = now() WHERE id = ${importId}::uuid`;

/**
 * The import-undo job. Resolves when the import is undone, or stopped on an error with a message
 * for people (the details go to the log) and can be undone again; does nothing if `jobId` does
 * not own the undo.
 */
export function runImportUndo(job: ImportJob, jobId: string, options: UndoOptions = {}): Promise<void> {
  const limit = options.batchSize ?? UNDO_BATCH;
  return trackRun(async (controller) => {
    const imp = await claimImport(job, jobId, "undoing");
    if (!imp) return;
    const signal = controller.signal;
    const stopHeartbeat = startHeartbeat(controller, () => beatImport(job, jobId, "undoing"), options.heartbeatMs ?? HEARTBEAT_MS);
    /** One batch: its own transaction, fenced to this job, its progress committed with it. */
    const step = <T>(fn: (scope: OrgScope) => Promise<T>) => inImportScope(job, async (scope) => {
      await fenceBatch(scope, job, jobId, "undoing", signal);
      return fn(scope);
    });
    const counts: Counts = { leads: 0, contacts: 0, companies: 0, restored: 0, timelineEvents: 0 };
    try {
      if (imp.undoTotal === 0 && imp.undoDone === 0) {
        await step(async (scope) => {
          const total = await countWork(scope, job.importId);
          await scope.tx.$executeRaw`UPDATE imports SET undo_total = ${total}, heartbeat_at = now() WHERE id = ${job.importId}::uuid`;
        });
      }
      for (const kind of CREATED) {
        for (;;) {
          const out = await step(async (scope) => {
            const deleted = await deleteCreated(scope, kind, job.importId, limit);
            await progress(scope, job.importId, deleted.records);
            return deleted;
          });
          counts[kind.table] += out.records;
          counts.timelineEvents += out.timeline;
          if (out.records < limit) break;
        }
      }
      for (;;) {
        const restored = await step(async (scope) => {
          const n = await restoreUpdated(scope, job.importId);
          await progress(scope, job.importId, n);
          return n;
        });
        counts.restored += restored;
        if (restored < RESTORE_BATCH) break;
      }
      await step(async (scope) => {
        await releaseImport(scope, job, jobId, "undoing", { status: "undone", undoneAt: new Date(), error: null });
        await scope.audit({ action: "import.undo", resourceType: "import", resourceId: job.importId, details: { ...counts } });
      });
    } catch (error) {
      // Abandoned: this process stops or another job took over; whoever resumes finishes it.
      if (error instanceof Abandoned) return;
      console.error(`undo of import ${job.importId} failed:`, error instanceof Error ? error.stack ?? error.message : error);
      await inImportScope(job, async (scope) => {
        const row = await scope.tx.import.findUniqueOrThrow({ where: { organizationId_id: { organizationId: job.orgId, id: job.importId } }, select: { undoDone: true, undoTotal: true } });
        const message = `The undo stopped after ${row.undoDone} of ${row.undoTotal} records because of an error. Nothing is half-removed: undo again to finish it.`;
        if (await releaseImport(scope, job, jobId, "undoing", { error: message })) {
          await scope.audit({ action: "import.undo_stop", resourceType: "import", resourceId: job.importId, details: { error: message } });
        }
      }).catch((e: unknown) => console.error(`import ${job.importId}: could not record the stopped undo:`, e instanceof Error ? e.message : e));
    } finally {
      stopHeartbeat();
    }
  });
}

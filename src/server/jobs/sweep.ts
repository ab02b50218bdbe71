// The sweep: runs every minute on whichever server's worker takes it (a pg-boss cron job) and
// when a server's workers start. Work whose heartbeat is older than the stale limit has no live
// worker, whichever server started it: unless its pg-boss job is merely still waiting for a
// worker, it is handed to a new job (an import resumes after its last committed batch, an undo
// carries on, an export starts again) or, once started too often, given up on (the import fails
// with its rows so far undoable; the undo stops for the user to retry; the export fails).
import { randomUUID } from "node:crypto";
import { removeExportParts } from "@/features/organizations/export-files";
import { type StaleWork, findStaleWork, giveUpStaleWork, requeueStaleWork } from "@/server/db/system/jobs";
import { enqueue, isJobWaiting, jobQueue } from "./boss";
import { STALE_AFTER_MS } from "./liveness";
import { QUEUES, type QueueName } from "./queues";

/** How many times one piece of work may be started before it is given up on. */
export const MAX_ATTEMPTS: Record<StaleWork["kind"], number> = { import: 3, undo: 3, export: 2 };

const QUEUE_OF: Record<StaleWork["kind"], QueueName> = { import: QUEUES.importRun, undo: QUEUES.importUndo, export: QUEUES.organizationExport };

function jobData(work: StaleWork) {
  return work.kind === "export"
    ? { exportId: work.id, orgId: work.organizationId, userId: work.userId }
    : { importId: work.id, orgId: work.organizationId, userId: work.userId };
}

export interface SweepResult { requeued: number; givenUp: number; waiting: number }

export async function sweepStaleJobs(options: { staleAfterMs?: number } = {}): Promise<SweepResult> {
  const staleAfterMs = options.staleAfterMs ?? STALE_AFTER_MS;
  const result: SweepResult = { requeued: 0, givenUp: 0, waiting: 0 };
  for (const work of await findStaleWork(staleAfterMs)) {
    const queue = QUEUE_OF[work.kind];
    if (work.jobId && (await isJobWaiting(queue, work.jobId))) {
      result.waiting++;
      continue;
    }
    try {
      if (work.attempts < MAX_ATTEMPTS[work.kind]) {
        const jobId = randomUUID();
        if (!(await requeueStaleWork(work, jobId, staleAfterMs))) continue;
        // An export starts again from scratch: what the dead job wrote goes first.
        if (work.kind === "export") await removeExportParts(work.organizationId, work.id);
        // If sending fails, the heartbeat goes stale again and a later sweep sends another.
        await enqueue(queue, jobData(work), { id: jobId });
        result.requeued++;
      } else if (await giveUpStaleWork(work, staleAfterMs)) {
        if (work.kind === "export") await removeExportParts(work.organizationId, work.id);
        result.givenUp++;
      } else continue;
      // The dead job would otherwise stay "active" in pg-boss until it expires.
      if (work.jobId) await (await jobQueue()).cancel(queue, work.jobId).catch(() => {});
    } catch (error) {
      console.error(`sweep: could not hand over ${work.kind} ${work.id}:`, error instanceof Error ? error.message : error);
    }
  }
  return result;
}

// Every background job queue Parley has, with pg-boss's settings for it. Queues are created
// (or updated) when the database is migrated, by the owner role, since pg-boss makes a table per
// queue, and worked by the jobs role.
import type PgBoss from "pg-boss";

export const QUEUES = {
  organizationExport: "organization-export",
  contractRenewals: "contract-renewals",
  importRun: "import-run",
  importUndo: "import-undo",
  /** Every minute on whichever server gets it: requeues or fails work whose heartbeat went stale. */
  jobSweep: "job-sweep",
  /** Hourly: removes files that failed, finished or expired work left behind. */
  fileCleanup: "file-cleanup",
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const JOB_SCHEMA = "pgboss";

// Long-running work is never retried by pg-boss: a dead worker is noticed by its stale heartbeat
// (src/server/jobs/sweep.ts), which resumes or fails it and knows how far it got. pg-boss's
// expiry is only a backstop that keeps its own table tidy.
const HEARTBEAT_JOB: Omit<PgBoss.Queue, "name"> = { retryLimit: 0, expireInSeconds: 6 * 3600 };

export const QUEUE_SETTINGS: Record<QueueName, Omit<PgBoss.Queue, "name">> = {
  [QUEUES.organizationExport]: HEARTBEAT_JOB,
  [QUEUES.importRun]: HEARTBEAT_JOB,
  [QUEUES.importUndo]: HEARTBEAT_JOB,
  [QUEUES.contractRenewals]: { retryLimit: 2, retryDelay: 30, expireInSeconds: 3600 },
  [QUEUES.jobSweep]: { retryLimit: 0, expireInSeconds: 300 },
  [QUEUES.fileCleanup]: { retryLimit: 0, expireInSeconds: 1800 },
};

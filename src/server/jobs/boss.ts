// The server's job queue: pg-boss connected as parley_jobs, a role that reaches only pg-boss's
// own schema (handlers scope themselves with withOrg or named system functions). One instance per
// process, started lazily; it also runs pg-boss's cron scheduler (sweeps, cleanup, renewals).
import PgBoss from "pg-boss";
import { jobsDatabaseUrl } from "@/server/db/config";
import { stopInFlightRuns } from "./liveness";
import { JOB_SCHEMA, type QueueName } from "./queues";

let started: Promise<PgBoss> | null = null;

export function jobQueue(): Promise<PgBoss> {
  started ??= (async () => {
    const boss = new PgBoss({ connectionString: jobsDatabaseUrl(), schema: JOB_SCHEMA, max: 3, migrate: false, schedule: true });
    boss.on("error", (error) => console.error("pg-boss:", error.message));
    await boss.start();
    return boss;
  })().catch((error: unknown) => {
    started = null;
    throw error;
  });
  return started;
}

/** Sends a job; `options.id` lets the caller name it first (rows record the job that owns them). */
export async function enqueue(queue: QueueName, data: object, options: PgBoss.SendOptions = {}): Promise<string> {
  const id = await (await jobQueue()).send(queue, data, options);
  if (!id) throw new Error(`pg-boss did not accept a job for ${queue}`);
  return id;
}

/** Whether a job is still waiting for a worker (queued, or waiting to be retried). */
export async function isJobWaiting(queue: QueueName, id: string): Promise<boolean> {
  const job = await (await jobQueue()).getJobById(queue, id);
  return job?.state === "created" || job?.state === "retry";
}

/**
 * Stops this process's workers: runs in flight are abandoned at their next batch boundary (the
 * sweep resumes them, here or elsewhere), then pg-boss stops.
 */
export async function stopJobQueue(): Promise<void> {
  const boss = started ? await started.catch(() => null) : null;
  started = null;
  await stopInFlightRuns();
  await boss?.stop({ graceful: true, wait: true, timeout: 10_000 });
}

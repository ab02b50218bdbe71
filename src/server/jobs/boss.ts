// The server's job queue: pg-boss as the system role (jobs run across organizations, each
// handler then scopes itself to one with withOrg). One instance per process, started lazily;
// it also runs pg-boss's cron scheduler (the contract renewal job is hourly).
import PgBoss from "pg-boss";
import { systemDatabaseUrl } from "@/server/db/config";
import { JOB_SCHEMA, type QueueName } from "./queues";

let started: Promise<PgBoss> | null = null;

export function jobQueue(): Promise<PgBoss> {
  started ??= (async () => {
    const boss = new PgBoss({ connectionString: systemDatabaseUrl(), schema: JOB_SCHEMA, max: 3, migrate: false, schedule: true });
    boss.on("error", (error) => console.error("pg-boss:", error.message));
    await boss.start();
    return boss;
  })().catch((error: unknown) => {
    started = null;
    throw error;
  });
  return started;
}

export async function enqueue(queue: QueueName, data: object, options: PgBoss.SendOptions = {}): Promise<string> {
  const id = await (await jobQueue()).send(queue, data, options);
  if (!id) throw new Error(`pg-boss did not accept a job for ${queue}`);
  return id;
}

export async function stopJobQueue(): Promise<void> {
  const boss = started ? await started.catch(() => null) : null;
  started = null;
  await boss?.stop({ graceful: true, wait: true, timeout: 10_000 });
}

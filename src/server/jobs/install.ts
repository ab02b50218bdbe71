// Installs (or upgrades) pg-boss's schema and Parley's queues as the database owner, then lets
// the jobs role (and only it) work them. Run by migrate(): the server itself never creates schema.
import PgBoss from "pg-boss";
import pg from "pg";
import { JOBS_ROLE, SYSTEM_ROLE } from "@/server/db/config";
import { JOB_SCHEMA, QUEUE_SETTINGS, type QueueName } from "./queues";

export async function installJobQueue(ownerUrl: string): Promise<void> {
  const boss = new PgBoss({ connectionString: ownerUrl, schema: JOB_SCHEMA, max: 2, supervise: false, schedule: false, migrate: true });
  boss.on("error", (error) => console.error("pg-boss (install):", error.message));
  await boss.start();
  try {
    for (const [name, settings] of Object.entries(QUEUE_SETTINGS) as [QueueName, (typeof QUEUE_SETTINGS)[QueueName]][]) {
      // Settings apply to jobs sent from now on; existing queues get them too.
      if (await boss.getQueue(name)) await boss.updateQueue(name, { name, ...settings });
      else await boss.createQueue(name, { name, ...settings });
    }
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query(`GRANT USAGE ON SCHEMA ${JOB_SCHEMA} TO ${JOBS_ROLE};
      GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${JOB_SCHEMA} TO ${JOBS_ROLE};
      GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${JOB_SCHEMA} TO ${JOBS_ROLE};
      GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${JOB_SCHEMA} TO ${JOBS_ROLE};
      -- The system role worked the queue before parley_jobs existed; it has no business there now.
      REVOKE ALL ON ALL TABLES IN SCHEMA ${JOB_SCHEMA} FROM ${SYSTEM_ROLE};
      REVOKE ALL ON ALL SEQUENCES IN SCHEMA ${JOB_SCHEMA} FROM ${SYSTEM_ROLE};
      REVOKE USAGE ON SCHEMA ${JOB_SCHEMA} FROM ${SYSTEM_ROLE};`);
  } finally {
    await client.end();
  }
}

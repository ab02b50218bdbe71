// Installs (or upgrades) pg-boss's schema and Parley's queues as the database owner, then lets
// the system role work them. Run by migrate(): the server itself never creates schema.
import PgBoss from "pg-boss";
import pg from "pg";
import { SYSTEM_ROLE } from "@/server/db/config";
import { JOB_SCHEMA, QUEUES } from "./queues";

export async function installJobQueue(ownerUrl: string): Promise<void> {
  const boss = new PgBoss({ connectionString: ownerUrl, schema: JOB_SCHEMA, max: 2, supervise: false, schedule: false, migrate: true });
  boss.on("error", (error) => console.error("pg-boss (install):", error.message));
  await boss.start();
  try {
    for (const name of Object.values(QUEUES)) {
      if (!(await boss.getQueue(name))) await boss.createQueue(name, { name, retryLimit: 2, retryDelay: 30, expireInSeconds: 3600 });
    }
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query(`GRANT USAGE ON SCHEMA ${JOB_SCHEMA} TO ${SYSTEM_ROLE};
      GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${JOB_SCHEMA} TO ${SYSTEM_ROLE};
      GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${JOB_SCHEMA} TO ${SYSTEM_ROLE};
      GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${JOB_SCHEMA} TO ${SYSTEM_ROLE};`);
  } finally {
    await client.end();
  }
}

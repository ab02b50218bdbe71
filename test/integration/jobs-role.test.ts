// pg-boss connects as parley_jobs, a role that reaches pg-boss's schema and no tenant data, and
// the BYPASSRLS system role no longer reaches the queue.
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { JOBS_ROLE, SYSTEM_ROLE, jobsDatabaseUrl } from "@/server/db/config";
import { enqueue, jobQueue, stopJobQueue } from "@/server/jobs/boss";
import { QUEUES } from "@/server/jobs/queues";
import { ownerPool } from "../helpers/fixtures";

afterAll(async () => { await stopJobQueue(); });

describe("the job queue's database role", () => {
  it("is parley_jobs: no superuser, no BYPASSRLS, the pgboss schema only", async () => {
    const client = new pg.Client({ connectionString: jobsDatabaseUrl() });
    await client.connect();
    try {
      const { rows } = await client.query("SELECT current_user AS who, r.rolsuper, r.rolbypassrls FROM pg_roles r WHERE r.rolname = current_user");
      expect(rows).toEqual([{ who: JOBS_ROLE, rolsuper: false, rolbypassrls: false }]);
      await expect(client.query("SELECT count(*) FROM pgboss.job")).resolves.toBeTruthy();
      for (const table of ["organizations", "users", "leads", "imports", "organization_exports"]) {
        await expect(client.query(`SELECT 1 FROM ${table} LIMIT 1`), table).rejects.toMatchObject({ code: "42501" });
      }
    } finally {
      await client.end();
    }
    const { rows } = await ownerPool().query("SELECT has_schema_privilege($1, 'pgboss', 'USAGE') AS system, has_schema_privilege($2, 'pgboss', 'USAGE') AS jobs", [SYSTEM_ROLE, JOBS_ROLE]);
    expect(rows).toEqual([{ system: false, jobs: true }]);
  });

  it("is the role pg-boss works the queues as", async () => {
    await jobQueue();
    const id = await enqueue(QUEUES.jobSweep, {});
    expect(id).toBeTruthy();
    const { rows } = await ownerPool().query("SELECT DISTINCT usename FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'pgboss'");
    expect(rows).toEqual([{ usename: JOBS_ROLE }]);
  });
});

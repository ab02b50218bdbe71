// The demo seed survives being killed: run as `npm run db:seed` runs it, killed outright twice
// (mid-way through the companies, then in the leads), it finishes on the third run with exactly
// the records of a seed that was never interrupted, and /demo appears only when it is complete.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "@/server/db/migrate";
import { killHard, runScript, whileRunning } from "../helpers/script-process";

const SMALL_DEMO = "200";
const adminUrl = () => process.env.PARLEY_TEST_ADMIN_URL!;
const suffix = randomBytes(3).toString("hex");
const databases = { resumed: `parley_seed_resumed_${suffix}`, reference: `parley_seed_reference_${suffix}` };

/** Runs `work` on one connection to the database at `url`, then closes it. */
async function connected<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const onServer = (url: string, sql: string) => connected(url, (client) => client.query(sql));

function databaseUrl(name: string) {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

const seed = (database: string) =>
  runScript("scripts/db-seed.ts", [], { ...process.env, DATABASE_URL: databaseUrl(database), PARLEY_DEMO_COMPANIES: SMALL_DEMO });

/** The demo organization's slug and row count of every tenant table (read as the owner, past RLS). */
const demoContents = (database: string) => connected(databaseUrl(database), async (client) => {
  const org = (await client.query(`SELECT id, slug, name, subscription_tier FROM organizations WHERE slug IN ('demo', 'demo-seeding')`)).rows[0];
  if (!org) return null;
  const tables = (await client.query<{ table_name: string }>(`
    SELECT c.table_name FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
    WHERE c.table_schema = 'public' AND c.column_name = 'organization_id' AND t.table_type = 'BASE TABLE' ORDER BY 1`)).rows;
  const counts: Record<string, number> = {};
  for (const { table_name: table } of tables) {
    counts[table] = Number((await client.query(`SELECT count(*) AS n FROM "${table}" WHERE organization_id = $1`, [org.id])).rows[0].n);
  }
  const users = Number((await client.query(`SELECT count(*) AS n FROM users WHERE email LIKE '%@demo.parley.test'`)).rows[0].n);
  return { slug: org.slug as string, name: org.name as string, tier: org.subscription_tier as string, users, counts };
});

const companiesIn = (database: string) =>
  connected(databaseUrl(database), async (client) => Number((await client.query(`SELECT count(*) AS n FROM companies`)).rows[0].n));

beforeAll(async () => {
  for (const name of Object.values(databases)) {
    await onServer(adminUrl(), `CREATE DATABASE ${name}`);
    await migrate(databaseUrl(name), { rolePassword: process.env.PARLEY_DB_ROLE_PASSWORD });
  }
}, 120_000);

afterAll(async () => {
  for (const name of Object.values(databases)) await onServer(adminUrl(), `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
});

describe("demo seed", () => {
  it("killed twice, finishes on the next run with exactly the records of an uninterrupted seed", async () => {
    // The reference runs alongside: the same demo, never interrupted.
    const reference = seed(databases.reference);

    // 1. Killed among the companies: what committed stays, under the provisional slug.
    const first = seed(databases.resumed);
    await whileRunning(first, async () => expect(await companiesIn(databases.resumed)).toBeGreaterThanOrEqual(50), 120_000);
    await killHard(first);
    expect((await demoContents(databases.resumed))!.slug).toBe("demo-seeding");

    // 2. Resumed, then killed once the deals and contracts are in (in the leads).
    const second = seed(databases.resumed);
    await whileRunning(second, () => expect(second.output()).toContain("seed: contacts, deals, proposals and contracts"), 180_000);
    await killHard(second);
    expect(second.output()).toContain("resuming the demo organization's seed where it stopped");
    expect((await demoContents(databases.resumed))!.slug).toBe("demo-seeding");

    // 3. Runs to the end.
    const third = seed(databases.resumed);
    expect((await third.exited).code, third.output()).toBe(0);
    expect(third.output()).toContain("finishing an interrupted seed");
    expect((await reference.exited).code, reference.output()).toBe(0);

    const resumed = await demoContents(databases.resumed);
    const uninterrupted = await demoContents(databases.reference);
    expect(uninterrupted).toMatchObject({ slug: "demo", name: "Demo", tier: "professional", users: 6 });
    expect(uninterrupted!.counts.leads).toBeGreaterThan(0);
    expect(resumed).toEqual(uninterrupted);

    // And a fourth run leaves it alone.
    const fourth = seed(databases.resumed);
    expect((await fourth.exited).code, fourth.output()).toBe(0);
    expect(fourth.output()).toContain("Demo organization already present.");
  }, 420_000);
});

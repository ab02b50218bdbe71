// `npm test`: typecheck, lint, unit + integration tests (vitest, real PostgreSQL), then a
// production build and the Playwright end-to-end tests in Chromium against it.
// The database is an embedded PostgreSQL unless DATABASE_URL names a server to use.
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "../src/server/db/embedded";
import { migrate } from "../src/server/db/migrate";
import { DATA_DIR, NEXT_BIN, ROOT, ensureProductionBuild, run } from "./runtime-env";

const bin = (name: string) => path.join(ROOT, "node_modules/.bin", name);
const reports = path.join(DATA_DIR, "test-reports");
await mkdir(reports, { recursive: true });
const counts = { passed: 0, failed: 0 };

async function step(name: string, fn: () => Promise<boolean>) {
  console.log(`\n▶ ${name}`);
  const ok = await fn();
  if (!ok) {
    console.error(`\n✗ ${name} failed`);
    console.log(`\ntests: ${counts.passed} passed, ${Math.max(counts.failed, 1)} failed`);
    process.exit(1);
  }
}

async function readJson<T>(file: string): Promise<T | null> {
  return existsSync(file) ? (JSON.parse(await readFile(file, "utf8")) as T) : null;
}

process.env.NEXT_TELEMETRY_DISABLED = "1";
process.env.PARLEY_DB_ROLE_PASSWORD ||= "parley-test-role-password";
process.env.NEXTAUTH_SECRET ||= "parley-test-nextauth-secret-0123456789";

// `npm test -- --e2e` runs only the build and the end-to-end tests (for working on them).
// Spec files named after it run alone: `npm test -- --e2e e2e/members.spec.ts`.
const e2eOnly = process.argv.includes("--e2e");
const e2eSpecs = process.argv.filter((a) => a.endsWith(".spec.ts"));

if (!e2eOnly) await step("typecheck", async () => (await run(bin("tsc"), ["--noEmit"])) === 0);
if (!e2eOnly) await step("lint", async () => (await run(bin("eslint"), ["--max-warnings", "0", "."])) === 0);

if (!e2eOnly) await step("unit and integration tests (vitest)", async () => {
  const out = path.join(reports, "vitest.json");
  const code = await run(bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${out}`]);
  const report = await readJson<{ numPassedTests: number; numFailedTests: number; numTotalTests: number }>(out);
  if (report) {
    counts.passed += report.numPassedTests;
    counts.failed += report.numFailedTests;
  }
  return code === 0 && !!report && report.numTotalTests > 0;
});

await step("production build", ensureProductionBuild);

await step("end-to-end tests (Playwright, Chromium)", async () => {
  const database = `parley_e2e_${randomBytes(4).toString("hex")}`;
  const embedded = process.env.DATABASE_URL
    ? null
    : await startEmbeddedPostgres({ dataDir: path.join(DATA_DIR, "test-pg"), port: Number(process.env.PARLEY_TEST_PG_PORT ?? 54330), password: "parley-test-superuser" });
  const adminUrl = embedded ? embedded.url("postgres") : process.env.DATABASE_URL!;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  try {
    await admin(`CREATE DATABASE ${database}`);
    const url = new URL(adminUrl);
    url.pathname = `/${database}`;
    await migrate(url.toString(), { rolePassword: process.env.PARLEY_DB_ROLE_PASSWORD });
    // The demo organization, smaller than `npm start`'s, for the journeys that begin there.
    const seeded = await run(bin("tsx"), ["--conditions=react-server", "scripts/db-seed.ts"], { ...process.env, DATABASE_URL: url.toString(), PARLEY_DEMO_COMPANIES: "250" });
    if (seeded !== 0) return false;
    const out = path.join(reports, "playwright.json");
    const env = {
      ...process.env,
      DATABASE_URL: url.toString(),
      PLAYWRIGHT_JSON_OUTPUT_NAME: out,
      NEXT_BIN,
    };
    const code = await run(bin("playwright"), ["test", "--reporter=list,json", ...e2eSpecs], env);
    const report = await readJson<{ stats: { expected: number; unexpected: number; flaky: number } }>(out);
    if (report) {
      counts.passed += report.stats.expected + report.stats.flaky;
      counts.failed += report.stats.unexpected;
    }
    return code === 0 && !!report && report.stats.expected > 0;
  } finally {
    await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => {});
    await embedded?.stop();
  }
});

console.log(`\ntests: ${counts.passed} passed, ${counts.failed} failed`);

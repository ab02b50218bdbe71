// Gives the test run a fresh, migrated database: on DATABASE_URL's server when set (CI also
// runs against the machine's PostgreSQL 15), otherwise on an embedded PostgreSQL 18.
import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../../src/server/db/embedded";
import { migrate } from "../../src/server/db/migrate";

let embedded: EmbeddedDatabase | null = null;
let adminUrl = "";
let databaseName = "";

async function onServer(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function setup() {
  process.env.PARLEY_DB_ROLE_PASSWORD ||= "parley-test-role-password";
  process.env.NEXTAUTH_SECRET ||= "parley-test-nextauth-secret-0123456789";
  databaseName = `parley_test_${randomBytes(4).toString("hex")}`;
  if (process.env.DATABASE_URL) {
    adminUrl = process.env.DATABASE_URL;
  } else {
    embedded = await startEmbeddedPostgres({
      dataDir: path.resolve(import.meta.dirname, "../../.data/test-pg"),
      port: Number(process.env.PARLEY_TEST_PG_PORT ?? 54330),
      password: "parley-test-superuser",
    });
    adminUrl = embedded.url("postgres");
  }
  await onServer(adminUrl, `CREATE DATABASE ${databaseName}`);
  const url = new URL(adminUrl);
  url.pathname = `/${databaseName}`;
  process.env.DATABASE_URL = url.toString();
  process.env.PARLEY_TEST_ADMIN_URL = adminUrl;
  await migrate(process.env.DATABASE_URL, { rolePassword: process.env.PARLEY_DB_ROLE_PASSWORD });
}

export async function teardown() {
  if (adminUrl && databaseName) await onServer(adminUrl, `DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`).catch(() => {});
  await embedded?.stop();
}

// The database `npm run db:backup` and `npm run db:restore` work on: DATABASE_URL when it is
// set, otherwise `npm start`'s embedded PostgreSQL in .data/pg (used as it is when `npm start`
// is running, started for the command and stopped after it otherwise).
import { existsSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "../src/server/db/embedded";
import { DATA_DIR, localSecrets } from "./runtime-env";

export interface ParleyDatabase {
  url: string;
  /** Says which database, for the progress output. */
  label: string;
  close(): Promise<void>;
}

const EMBEDDED_DATABASE = "parley"; // as scripts/start.ts names it

export async function openParleyDatabase(purpose: "backup" | "restore", log: (line: string) => void): Promise<ParleyDatabase> {
  const secrets = await localSecrets();
  process.env.PARLEY_DB_ROLE_PASSWORD ||= secrets.rolePassword;
  process.env.NEXTAUTH_SECRET ||= secrets.nextauthSecret;
  if (process.env.DATABASE_URL) {
    const shown = new URL(process.env.DATABASE_URL);
    shown.password = shown.password ? "***" : "";
    return { url: process.env.DATABASE_URL, label: `DATABASE_URL (${shown.toString()})`, close: async () => {} };
  }

  const dataDir = path.join(DATA_DIR, "pg");
  const port = Number(process.env.PARLEY_EMBEDDED_PG_PORT ?? 54329);
  const label = `embedded PostgreSQL (.data/pg, port ${port}), database "${EMBEDDED_DATABASE}"`;
  if (purpose === "backup" && !existsSync(path.join(dataDir, "PG_VERSION"))) {
    throw new Error(`There is no embedded database in ${dataDir} to back up. Run \`npm start\` once, or set DATABASE_URL to the database to back up.`);
  }
  const adminUrl = (database: string) => `postgresql://postgres:${encodeURIComponent(secrets.embeddedPassword)}@127.0.0.1:${port}/${database}`;

  if (await answers(adminUrl("postgres"))) {
    // `npm start` (or an earlier command) has it running: use it, and leave it running.
    if (!existsSync(path.join(dataDir, "postmaster.pid"))) {
      throw new Error(`Something answers on port ${port}, but the embedded PostgreSQL in ${dataDir} is not running. Set PARLEY_EMBEDDED_PG_PORT to the port \`npm start\` uses.`);
    }
    await ensureDatabase(adminUrl("postgres"), purpose);
    return { url: adminUrl(EMBEDDED_DATABASE), label: `${label} (already running)`, close: async () => {} };
  }
  const embedded = await startEmbeddedPostgres({ dataDir, port, password: secrets.embeddedPassword, log });
  try {
    await ensureDatabase(embedded.url("postgres"), purpose);
  } catch (error) {
    await embedded.stop();
    throw error;
  }
  return { url: embedded.url(EMBEDDED_DATABASE), label, close: () => embedded.stop() };
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** A restore may create the (empty) database; a backup needs it to exist. */
async function ensureDatabase(adminUrl: string, purpose: "backup" | "restore"): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = (await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [EMBEDDED_DATABASE])).rowCount !== 0;
    if (exists) return;
    if (purpose === "backup") throw new Error(`The embedded PostgreSQL has no "${EMBEDDED_DATABASE}" database to back up. Run \`npm start\` once first.`);
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(EMBEDDED_DATABASE)}`);
  } finally {
    await client.end();
  }
}

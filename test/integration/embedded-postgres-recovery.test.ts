// The embedded PostgreSQL that `npm start` and `npm test` run, against real crashes: a server
// left running by a parent killed outright is stopped and the next start succeeds (while the
// parent lives, the start refuses and names it); a server that dies while Parley runs is started
// again by the supervisor and a connection pool carries on; a start that fails says why.
import { readFileSync } from "node:fs";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type EmbeddedDatabase, startEmbeddedPostgres } from "@/server/db/embedded";
import { superviseEmbeddedPostgres } from "@/server/db/embedded-supervisor";
// Running, not a zombie waiting for its new parent to reap it.
import { isRunning, stopProcess } from "@/server/db/os-process";
import { type ScriptProcess, killHard, runScript, whileRunning } from "../helpers/script-process";

const PASSWORD = "parley-recovery-test";
let root = "";
let dataDir = "";
let port = 0;

/** A port nobody listens on right now. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port: free } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return free;
}

const postmasterPid = () => Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);

async function selectOne(db: EmbeddedDatabase) {
  const client = new pg.Client({ connectionString: db.url("postgres") });
  await client.connect();
  try {
    return (await client.query("SELECT 1 AS one")).rows[0].one as number;
  } finally {
    await client.end();
  }
}

/** The message a start that must fail fails with (vitest's toThrow would accept a bare `undefined`). */
async function startFailure(options: Parameters<typeof startEmbeddedPostgres>[0]): Promise<string> {
  const outcome = await startEmbeddedPostgres(options).then(
    async (db) => { await db.stop(); return new Error("it started"); },
    (error: unknown) => error,
  );
  if (!(outcome instanceof Error)) throw new Error(`it failed with ${String(outcome)}, not an Error saying why`);
  return outcome.message;
}

const holders: ScriptProcess[] = [];
const holdInChild = () => {
  const holder = runScript("test/helpers/embedded-postgres-holder.ts", [dataDir, String(port), PASSWORD], process.env);
  holders.push(holder);
  return holder;
};

beforeAll(async () => {
  // Readable by the `postgres` OS user the server runs as when the tests run as root.
  root = await mkdtemp(path.join(os.tmpdir(), "parley-embedded-"));
  await chmod(root, 0o755);
  dataDir = path.join(root, "pg");
  port = await freePort();
  await (await startEmbeddedPostgres({ dataDir, port, password: PASSWORD })).stop();
}, 120_000);

// Whatever a failed test left running goes too.
afterAll(async () => {
  for (const holder of holders) await killHard(holder);
  const pid = (() => {
    try {
      return postmasterPid();
    } catch {
      return null;
    }
  })();
  if (pid && isRunning(pid)) await stopProcess(pid, [{ signal: "SIGINT", waitMs: 30_000 }, { signal: "SIGKILL", waitMs: 5_000 }]);
  await rm(root, { recursive: true, force: true });
});

describe("embedded PostgreSQL", () => {
  it("stops a server whose parent was killed outright, then starts; while the parent lives it refuses and names it", async () => {
    const holder = holdInChild();
    await whileRunning(holder, () => expect(holder.output()).toContain("ready"), 60_000);
    const leftBehind = postmasterPid();

    expect(await startFailure({ dataDir, port, password: PASSWORD })).toMatch(
      new RegExp(`in use by another running process, ${holder.pid} .*kill ${holder.pid}`, "s"),
    );
    expect(isRunning(leftBehind)).toBe(true);

    await killHard(holder);
    expect(isRunning(leftBehind)).toBe(true); // the crash left it running, data directory locked

    const lines: string[] = [];
    const db = await startEmbeddedPostgres({ dataDir, port, password: PASSWORD, log: (line) => lines.push(line) });
    try {
      expect(isRunning(leftBehind)).toBe(false);
      expect(db.pid()).not.toBe(leftBehind);
      expect(await selectOne(db)).toBe(1);
      expect(lines.join("\n")).toContain(`stopping the embedded PostgreSQL (process ${leftBehind}) that an earlier, interrupted run left running`);
    } finally {
      await db.stop();
    }
  }, 120_000);

  it("restarts a server that was killed while running, and a pool's next query succeeds", async () => {
    const db = await startEmbeddedPostgres({ dataDir, port, password: PASSWORD });
    const lines: string[] = [];
    const supervisor = superviseEmbeddedPostgres(db, { log: (line) => lines.push(line), firstDelayMs: 50, maxDelayMs: 1_000 });
    const pool = new pg.Pool({ connectionString: db.url("postgres"), max: 2 });
    pool.on("error", () => {}); // the idle connection the kill drops
    try {
      expect((await pool.query("SELECT 1 AS one")).rows[0].one).toBe(1);
      const killed = db.pid()!;
      process.kill(killed, "SIGKILL");

      await vi.waitFor(async () => {
        expect(db.pid()).not.toBe(killed);
        expect((await pool.query("SELECT 2 AS two")).rows[0].two).toBe(2);
      }, { timeout: 60_000, interval: 100 });
      expect(lines[0]).toContain("Embedded PostgreSQL stopped unexpectedly (signal SIGKILL)");
      expect(lines.at(-1)).toBe(`Embedded PostgreSQL is running again (process ${db.pid()}).`);
    } finally {
      await pool.end();
      await supervisor.stop();
      await db.stop();
    }
    // Stopping on purpose is not a crash: nothing restarts it.
    expect(db.pid() === null || !isRunning(db.pid()!)).toBe(true);
    expect(lines.filter((l) => l.includes("stopped unexpectedly"))).toHaveLength(1);
  }, 120_000);

  it("says why it could not start (here: the port is taken), never just 'undefined'", async () => {
    const blocker = net.createServer();
    const taken = await freePort();
    await new Promise<void>((resolve) => blocker.listen(taken, "127.0.0.1", resolve));
    try {
      expect(await startFailure({ dataDir, port: taken, password: PASSWORD })).toMatch(
        /PostgreSQL stopped \(exit code 1\) before accepting connections on port \d+: could not create any TCP\/IP sockets[\s\S]*Address already in use/,
      );
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  }, 60_000);
});

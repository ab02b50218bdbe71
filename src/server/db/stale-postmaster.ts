// An embedded PostgreSQL that an earlier run left behind. A start script killed outright (kill -9,
// a crash of the machine's terminal) cannot stop the server it started, which then keeps its data
// directory locked (postmaster.pid) and the next start fails. Before starting, the lock file is
// read: a server whose parent is gone is an orphan of a dead run and is stopped cleanly; one
// still run by a live process is somebody's running server, and we say whose.
import { realpathSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { type ProcessInfo, liveNodeParent, processInfo, stopProcess } from "./os-process";

const realpath = (p: string) => {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
};

/** The postmaster chdirs into its data directory and is started with `-D <dir>`. */
function runsOn(server: ProcessInfo, dataDir: string): boolean {
  if (server.cwd) return realpath(server.cwd) === realpath(dataDir);
  return server.command.includes(dataDir) || server.command.includes(realpath(dataDir));
}

/** Makes the data directory free to start a server on, or throws saying why it is not. */
export async function clearStalePostmaster(dataDir: string, log: (line: string) => void = () => {}): Promise<void> {
  const lockFile = path.join(dataDir, "postmaster.pid");
  let lock: string;
  try {
    lock = await readFile(lockFile, "utf8");
  } catch {
    return; // no lock, no server
  }
  const pid = Number(lock.split("\n")[0]);
  const server = processInfo(pid);
  // Gone: PostgreSQL itself replaces a lock file whose process no longer runs.
  if (!server) return;
  if (server.name !== "postgres") {
    // The process id was reused since: PostgreSQL would see it alive and refuse to start.
    log(`removing ${lockFile}: its server is gone (process ${pid} is now ${server.name})`);
    await rm(lockFile, { force: true });
    return;
  }
  if (!runsOn(server, dataDir)) {
    throw new Error(
      `${lockFile} names process ${pid}, a PostgreSQL server that does not run on ${dataDir}. If no server uses this directory, delete ${lockFile} and start again.`,
    );
  }
  // In use while the node process that started it lives (npm start, a test runner).
  const owner = liveNodeParent(server);
  if (owner) {
    throw new Error(
      `the embedded PostgreSQL on ${dataDir} is in use by another running process, ${owner.pid} (${owner.command.slice(0, 160)}): ` +
        `an \`npm start\`, \`npm run dev\` or test run in this directory. Stop it first (Ctrl-C in its terminal, or \`kill ${owner.pid}\`), then start again.`,
    );
  }
  log(`stopping the embedded PostgreSQL (process ${pid}) that an earlier, interrupted run left running on ${dataDir}`);
  // A fast shutdown (SIGINT) rolls back open transactions and writes a checkpoint; if it hangs,
  // an immediate one (SIGQUIT) and at last SIGKILL, after which the next start recovers from WAL.
  const stoppedBy = await stopProcess(pid, [
    { signal: "SIGINT", waitMs: 30_000 },
    { signal: "SIGQUIT", waitMs: 10_000 },
    { signal: "SIGKILL", waitMs: 10_000 },
  ]);
  if (stoppedBy && stoppedBy !== "SIGINT") log(`the earlier PostgreSQL stopped only on ${stoppedBy}; it will recover from its log on start`);
}

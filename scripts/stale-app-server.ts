// The Next.js server an earlier `npm start` ran, if that start was killed outright: the server
// outlives it, keeps the port, and the next start's server would fail with EADDRINUSE. Its
// process id is kept in .data/next-server.pid; an orphan found there is stopped before starting.
import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { liveNodeParent, processInfo, stopProcess } from "../src/server/db/os-process";
import { DATA_DIR } from "./runtime-env";

const PID_FILE = path.join(DATA_DIR, "next-server.pid");

export async function stopStaleAppServer(log: (line: string) => void): Promise<void> {
  let pid: number;
  try {
    pid = Number(await readFile(PID_FILE, "utf8"));
  } catch {
    return;
  }
  const server = processInfo(pid);
  // Gone, a reused process id, or the server of a start that still runs (left alone).
  if (!server || !/\bnext[- ](server|start|dev)\b|scripts\/serve\.mjs\b/.test(server.command) || liveNodeParent(server)) return;
  log(`stopping the Next.js server (process ${pid}) that an earlier, interrupted npm start left running`);
  await stopProcess(pid, [{ signal: "SIGTERM", waitMs: 10_000 }, { signal: "SIGKILL", waitMs: 5_000 }]);
}

export const recordAppServer = (pid: number) => writeFile(PID_FILE, String(pid));
export const forgetAppServer = () => rm(PID_FILE, { force: true });

// What the start scripts need to know about a process they did not start (one an earlier,
// killed run left behind): is it running, who is its parent, what is it, and stopping it.
// Linux reads /proc; elsewhere (macOS) `ps` answers the same questions.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readlinkSync } from "node:fs";
import path from "node:path";

export interface ProcessInfo {
  pid: number;
  ppid: number;
  /** The executable's short name (`postgres`, `node`). */
  name: string;
  /** The full command line, arguments joined by spaces. */
  command: string;
  /** Its working directory where the system tells (Linux), else null. */
  cwd: string | null;
}

function fromProc(pid: number): ProcessInfo | null | undefined {
  if (!existsSync("/proc/self/stat")) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // "pid (name) state ppid ...": the name may hold spaces and parentheses, so split at the last ")".
    const close = stat.lastIndexOf(")");
    const [state, ppid] = stat.slice(close + 2).split(" ");
    if (state === "Z" || state === "X") return null; // exited, not yet reaped
    const command = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ");
    let cwd: string | null = null;
    try {
      cwd = readlinkSync(`/proc/${pid}/cwd`);
    } catch {
      // another user's process without the rights to look: fine, the command line still tells
    }
    return { pid, ppid: Number(ppid), name: stat.slice(stat.indexOf("(") + 1, close), command, cwd };
  } catch {
    return null;
  }
}

function fromPs(pid: number): ProcessInfo | null {
  try {
    const out = execFileSync("ps", ["-o", "ppid=,stat=,comm=", "-p", String(pid)], { encoding: "utf8" }).trim();
    const [ppid, state, ...name] = out.split(/\s+/);
    if (!ppid || state?.startsWith("Z")) return null;
    const command = execFileSync("ps", ["-o", "args=", "-p", String(pid)], { encoding: "utf8" }).trim();
    return { pid, ppid: Number(ppid), name: (name.join(" ").split("/").pop() ?? ""), command, cwd: null };
  } catch {
    return null; // ps exits 1 when there is no such process
  }
}

/** The running process with this id, or null when there is none (or only its zombie). */
export function processInfo(pid: number): ProcessInfo | null {
  if (!Number.isInteger(pid) || pid <= 0) return null;
  const proc = fromProc(pid);
  return proc === undefined ? fromPs(pid) : proc;
}

export const isRunning = (pid: number) => processInfo(pid) !== null;

/**
 * The live node process (npm start, a test runner) that started this one, or null when it is
 * an orphan: a parent killed outright hands its children to init or a subreaper, never to node.
 */
export function liveNodeParent(child: ProcessInfo): ProcessInfo | null {
  const parent = processInfo(child.ppid);
  if (!parent) return null;
  const executable = path.basename(parent.command.split(" ")[0] ?? "");
  return parent.name === "node" || executable === "node" ? parent : null;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits up to `withinMs` for the process to be gone; true if it went. */
export async function waitForExit(pid: number, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (isRunning(pid)) {
    if (Date.now() > deadline) return false;
    await pause(100);
  }
  return true;
}

/**
 * Stops a process that is not our child: each signal in turn, waiting its time for the process
 * to go before the next. Throws if it is still there after the last.
 */
export async function stopProcess(pid: number, steps: { signal: NodeJS.Signals; waitMs: number }[]): Promise<NodeJS.Signals | null> {
  for (const { signal, waitMs } of steps) {
    try {
      process.kill(pid, signal);
    } catch {
      return null; // gone already
    }
    if (await waitForExit(pid, waitMs)) return signal;
  }
  throw new Error(`process ${pid} did not stop (sent ${steps.map((s) => s.signal).join(", ")})`);
}

// A repository script run as its own node process (as npm runs it), for tests that interrupt
// or kill it: its output so far, and its exit.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { vi } from "vitest";

export const ROOT = path.resolve(import.meta.dirname, "../..");

export interface ScriptProcess {
  child: ChildProcess;
  pid: number;
  /** stdout and stderr so far, interleaved. */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function runScript(script: string, args: string[], env: NodeJS.ProcessEnv): ScriptProcess {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", script, ...args], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => { output += chunk; });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => { output += chunk; });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on("exit", (code, signal) => resolve({ code, signal }));
  });
  return { child, pid: child.pid!, output: () => output, exited };
}

/** Kills it outright (no chance to clean up, like a crash) and waits until it is gone. */
export async function killHard(script: ScriptProcess): Promise<void> {
  script.child.kill("SIGKILL");
  await script.exited;
}

/**
 * Waits for `condition` (retried as vi.waitFor does) while the script runs; fails at once, with
 * its output, if the script exits first.
 */
export async function whileRunning(script: ScriptProcess, condition: () => unknown, timeoutMs: number): Promise<void> {
  let waiting = true;
  const exitedFirst = script.exited.then(({ code, signal }) => {
    if (waiting) throw new Error(`the script exited (${signal ?? `code ${code}`}) first. Its output:\n${script.output()}`);
  });
  try {
    await Promise.race([vi.waitFor(condition, { timeout: timeoutMs, interval: 100 }), exitedFirst]);
  } finally {
    waiting = false;
  }
}

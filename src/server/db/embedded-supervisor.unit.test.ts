// The supervisor's decisions, against a stand-in database whose restarts fail on cue (the
// real server killed and restarted: test/integration/embedded-postgres-recovery.test.ts).
import { describe, expect, it, vi } from "vitest";
import type { EmbeddedDatabase } from "./embedded";
import { superviseEmbeddedPostgres } from "./embedded-supervisor";

function fakeDatabase(failures: number) {
  let exitListener: (how: string) => void = () => {};
  let pid = 100;
  const db: EmbeddedDatabase & { crash(how: string): void; restarts: number } = {
    restarts: 0,
    url: () => "postgresql://fake",
    ensureDatabase: async () => "postgresql://fake",
    pid: () => pid,
    onUnexpectedExit: (listener) => { exitListener = listener; },
    async restart() {
      db.restarts++;
      if (db.restarts <= failures) throw new Error(`FATAL: pre-existing shared memory block is still in use (try ${db.restarts})\nmore log lines`);
      pid++;
    },
    stop: async () => {},
    crash: (how) => exitListener(how),
  };
  return db;
}

describe("superviseEmbeddedPostgres", () => {
  it("restarts a crashed server, retrying with a growing pause while restarts fail, and says so", async () => {
    const db = fakeDatabase(2);
    const lines: string[] = [];
    const supervisor = superviseEmbeddedPostgres(db, { log: (l) => lines.push(l), firstDelayMs: 1, maxDelayMs: 4 });
    db.crash("signal SIGKILL");
    await vi.waitFor(() => expect(lines.at(-1)).toBe("Embedded PostgreSQL is running again (process 101)."));
    expect(lines).toEqual([
      "Embedded PostgreSQL stopped unexpectedly (signal SIGKILL); restarting it in 0.001 s.",
      "Embedded PostgreSQL did not restart (FATAL: pre-existing shared memory block is still in use (try 1)); trying again in 0.002 s.",
      "Embedded PostgreSQL did not restart (FATAL: pre-existing shared memory block is still in use (try 2)); trying again in 0.004 s.",
      "Embedded PostgreSQL is running again (process 101).",
    ]);
    await supervisor.stop();
  });

  it("gives up after the allowed failed restarts and says why", async () => {
    const db = fakeDatabase(Infinity);
    const gaveUp = vi.fn();
    superviseEmbeddedPostgres(db, { log: () => {}, firstDelayMs: 1, maxDelayMs: 1, maxFailedRestarts: 3, onGiveUp: gaveUp });
    db.crash("exit code 1");
    await vi.waitFor(() => expect(gaveUp).toHaveBeenCalledOnce());
    expect(db.restarts).toBe(3);
    expect((gaveUp.mock.calls[0]![0] as Error).message).toMatch(/^the embedded PostgreSQL did not restart after 3 tries: FATAL: pre-existing shared memory/);
  });

  it("once stopped, restarts nothing (shutting down is not a crash to recover from)", async () => {
    const db = fakeDatabase(0);
    const lines: string[] = [];
    const supervisor = superviseEmbeddedPostgres(db, { log: (l) => lines.push(l), firstDelayMs: 1_000 });
    db.crash("signal SIGINT");
    await supervisor.stop(); // during the pause before the restart: cut short, no restart
    expect(db.restarts).toBe(0);
    db.crash("signal SIGINT");
    expect(db.restarts).toBe(0);
    expect(lines).toHaveLength(1);
  });
});

import { describe, expect, it } from "vitest";
import { type BackoffState, EMPTY_BACKOFF, chargeAttempt, refundAttempt } from "./backoff";
import { SIGN_IN_BACKOFF, signInDelayMs } from "./policy";

const t0 = new Date("2026-12-08T10:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);

/** Charges `n` failures, each as soon as it is allowed; returns the state and the clock. */
function failTimes(n: number, start = EMPTY_BACKOFF, clock = 0): { state: BackoffState; clock: number } {
  let state = start;
  for (let i = 0; i < n; i++) {
    const charge = chargeAttempt(state, at(clock));
    if (!charge.allowed) {
      clock += charge.retryAfterMs;
      i--;
      continue;
    }
    state = charge.next;
  }
  return { state, clock };
}

describe("sign-in backoff", () => {
  it(`allows ${SIGN_IN_BACKOFF.freeFailures} failures, then waits, doubling each time up to a cap`, () => {
    expect([4, 5, 6, 7, 8, 9, 10, 20].map(signInDelayMs)).toEqual([0, 30_000, 60_000, 120_000, 240_000, 480_000, 900_000, 900_000]);
    const { state, clock } = failTimes(SIGN_IN_BACKOFF.freeFailures);
    expect(clock).toBe(0);
    const refused = chargeAttempt(state, at(29_000));
    expect(refused).toEqual({ allowed: false, retryAfterMs: 1_000 });
    const next = chargeAttempt(state, at(30_000));
    expect(next).toMatchObject({ allowed: true, retryAfterMs: 60_000, next: { failures: 6 } });
  });

  it("refuses a burst at once: the charge is taken before the password is checked", () => {
    let state = EMPTY_BACKOFF;
    const verdicts = Array.from({ length: 20 }, () => {
      const charge = chargeAttempt(state, t0);
      if (charge.allowed) state = charge.next;
      return charge.allowed;
    });
    expect(verdicts.filter(Boolean)).toHaveLength(SIGN_IN_BACKOFF.freeFailures);
  });

  it("gives a charge back to an attempt that was not a failure", () => {
    const { state } = failTimes(SIGN_IN_BACKOFF.freeFailures);
    // The fifth was the right password waiting for its two-factor code: no wait after all.
    const refunded = refundAttempt(state, t0);
    expect(refunded.failures).toBe(SIGN_IN_BACKOFF.freeFailures - 1);
    expect(chargeAttempt(refunded, t0).allowed).toBe(true);
  });

  it("forgets failures after a quiet day", () => {
    const { state, clock } = failTimes(8);
    const later = chargeAttempt(state, at(clock + SIGN_IN_BACKOFF.forgetAfterMs + signInDelayMs(8)));
    expect(later).toMatchObject({ allowed: true, next: { failures: 1 }, retryAfterMs: 0 });
  });
});

// The arithmetic of the sign-in backoff (numbers in ./policy.ts), kept pure so it is the same
// wherever the state is stored (users for accounts, auth_rate_limits for emails without an
// account and for known devices) and easy to test.
//
// Every attempt is charged as a failure before the password is checked, in the same locked
// read-and-write, so a burst of parallel guesses cannot all slip through on a stale count; a
// success then clears the budget, and a right password that still needs its two-factor code
// gives its charge back.
import { SIGN_IN_BACKOFF, signInDelayMs } from "./policy";

export interface BackoffState {
  /** Consecutive failures (attempts charged and not given back). */
  failures: number;
  /** No attempt is taken before this time; null when nothing was charged yet. */
  waitUntil: Date | null;
}

export type Charge =
  | { allowed: false; retryAfterMs: number }
  /** `retryAfterMs`: how long the next attempt must wait should this one fail. */
  | { allowed: true; next: BackoffState; retryAfterMs: number };

export const EMPTY_BACKOFF: BackoffState = { failures: 0, waitUntil: null };

/** Failures are forgotten after a quiet day, counted from the end of the last wait. */
const forgotten = (state: BackoffState, now: Date) =>
  !state.waitUntil || now.getTime() - state.waitUntil.getTime() >= SIGN_IN_BACKOFF.forgetAfterMs;

export function chargeAttempt(state: BackoffState, now: Date): Charge {
  if (state.waitUntil && state.waitUntil > now) return { allowed: false, retryAfterMs: state.waitUntil.getTime() - now.getTime() };
  const failures = (forgotten(state, now) ? 0 : state.failures) + 1;
  const retryAfterMs = signInDelayMs(failures);
  return { allowed: true, next: { failures, waitUntil: new Date(now.getTime() + retryAfterMs) }, retryAfterMs };
}

/** Gives one charge back: the attempt turned out not to be a failure. */
export function refundAttempt(state: BackoffState, now: Date): BackoffState {
  const failures = Math.max(0, state.failures - 1);
  const waitUntil = new Date(now.getTime() + signInDelayMs(failures));
  return { failures, waitUntil: state.waitUntil && state.waitUntil < waitUntil ? state.waitUntil : waitUntil };
}

/** Whole seconds for messages and Retry-After, never 0 for a real wait. */
export const toSeconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

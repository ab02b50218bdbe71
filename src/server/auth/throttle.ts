// Who pays for a sign-in attempt, and whether it may go ahead (numbers in ./policy.ts).
//
// - From a known device (a valid device cookie for this account, ./device-cookie.ts): that
//   device's own budget, nothing else. Strangers' failures never reach it.
// - From anywhere else: the client address's fixed window (AUTH_IP_MAX_ATTEMPTS per
//   AUTH_IP_WINDOW_SECONDS), then the account's budget for unknown devices; an email without an
//   account has a budget of its own that behaves exactly the same, so nothing tells them apart.
//
// Budgets back off (./backoff.ts), they never lock: the wait after a failure grows, capped, and
// the right password from a known device, a password reset or a success start over.
import { sha256Hex } from "@/lib/tokens";
import { clearRateLimit, hitRateLimit, updateBackoff } from "@/server/db/rate-limits";
import { type SignInFailureEvent, recordSignInEvent, updateUserBackoff } from "@/server/db/system/sign-in";
import type { RequestMeta } from "@/server/request-meta";
import { type Charge, chargeAttempt, refundAttempt, toSeconds } from "./backoff";
import type { KnownDevice } from "./device-cookie";
import { SIGN_IN_BACKOFF, ipSignInLimit } from "./policy";
import { SignInError } from "./sign-in-error";

const signInIpKey = (ip: string | null) => `signin-ip:${ip ?? "unknown"}`;
const unknownEmailKey = (email: string) => `signin-email:${sha256Hex(email)}`;
const deviceKey = (device: KnownDevice) => `signin-device:${device.deviceId}`;

type Budget = { kind: "device"; key: string } | { kind: "account"; userId: string } | { kind: "email"; key: string };

export interface SignInAttempt {
  /** Charged to a known device's budget. */
  readonly knownDevice: boolean;
  /** Logs a failure (for an account) and throws the error to answer with: `reason`, or Throttled when a wait now applies. */
  fail(reason: "CredentialsSignin" | "TwoFactorInvalid", event: SignInFailureEvent): Promise<never>;
  /** The attempt was no failure after all (right password, code still to come; or a deactivated account). */
  refund(): Promise<void>;
  /** Signed in: the device's budget starts over (the account's is reset with the session, ./sign-in.ts). */
  succeeded(): Promise<void>;
}

/** Charges one attempt to the budget (a refused attempt leaves it as it was). */
function charge(budget: Budget): Promise<Charge> {
  if (budget.kind === "account") {
    return updateUserBackoff(budget.userId, (state, now) => {
      const verdict = chargeAttempt(state, now);
      return { state: verdict.allowed ? verdict.next : state, result: verdict };
    });
  }
  return updateBackoff(budget.key, (row, now) => {
    const verdict = chargeAttempt(row, now);
    return { row: verdict.allowed ? verdict.next : row, result: verdict };
  });
}

function refund(budget: Budget): Promise<void> {
  if (budget.kind === "account") return updateUserBackoff(budget.userId, (state, now) => ({ state: refundAttempt(state, now), result: undefined }));
  return updateBackoff(budget.key, (row, now) => ({ row: refundAttempt(row, now), result: undefined }));
}

/**
 * Admits one attempt at signing in to `email` (whose account is `userId`, or null), charging
 * it before any password is checked; throws RateLimited or Throttled (with the wait) instead.
 */
export async function admitSignInAttempt(opts: { email: string; userId: string | null; device: KnownDevice | null; meta: RequestMeta }): Promise<SignInAttempt> {
  const { userId, device, meta } = opts;
  const knownDevice = !!device && !!userId && device.userId === userId;
  if (!knownDevice) {
    const { limit, windowMs } = ipSignInLimit();
    const byIp = await hitRateLimit(signInIpKey(meta.ip), limit, windowMs);
    if (!byIp.allowed) throw new SignInError("RateLimited", byIp.retryAfterSeconds);
  }
  const budget: Budget = knownDevice ? { kind: "device", key: deviceKey(device) } : userId ? { kind: "account", userId } : { kind: "email", key: unknownEmailKey(opts.email) };
  const verdict = await charge(budget);
  if (!verdict.allowed) throw new SignInError("Throttled", toSeconds(verdict.retryAfterMs));

  return {
    knownDevice,
    async fail(reason, event) {
      const failures = verdict.next.failures;
      if (userId) {
        await recordSignInEvent(userId, event, meta, { failures, device: knownDevice ? "known" : "unknown" });
        if (failures === SIGN_IN_BACKOFF.freeFailures) {
          await recordSignInEvent(userId, "sign_in.throttled", meta, { failures, retryAfterSeconds: toSeconds(verdict.retryAfterMs), device: knownDevice ? "known" : "unknown" });
        }
      }
      throw verdict.retryAfterMs > 0 ? new SignInError("Throttled", toSeconds(verdict.retryAfterMs)) : new SignInError(reason);
    },
    refund: () => refund(budget),
    async succeeded() {
      if (budget.kind === "device") await clearRateLimit(budget.key);
    },
  };
}

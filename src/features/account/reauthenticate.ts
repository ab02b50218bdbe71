// Settings that could hand the account to someone else (email, password, two-factor) ask for
// the current password (and, for two-factor, a code) again. Wrong answers are counted per user
// across requests, so a borrowed session cannot guess them.
import { AppError } from "@/server/api/errors";
import type { UserScope } from "@/server/api/scope";
import { verifyPassword } from "@/server/auth/password";
import { ACCOUNT_LIMITS } from "@/server/auth/policy";
import { hashRecoveryCode, looksLikeRecoveryCode } from "@/server/auth/recovery-codes";
import { isTotpCode, openTotpSecret, verifyTotp } from "@/server/auth/totp";
import { type OwnCredentials, spendOwnTotpStep } from "@/server/db/own-credentials";
import { hitRateLimit, peekRateLimit } from "@/server/db/rate-limits";

const key = (userId: string) => `reauth:${userId}`;
const { limit, windowMs } = ACCOUNT_LIMITS.reauthentication;

async function refuseWhileThrottled(userId: string) {
  if ((await peekRateLimit(key(userId), windowMs)) >= limit) {
    throw new AppError("TOO_MANY_REQUESTS", "Too many wrong attempts. Wait 15 minutes, then try again.");
  }
}

async function countFailure(userId: string, message: string, field: string): Promise<never> {
  const { attempts } = await hitRateLimit(key(userId), limit, windowMs);
  if (attempts >= limit) throw new AppError("TOO_MANY_REQUESTS", "Too many wrong attempts. Wait 15 minutes, then try again.");
  throw new AppError("BAD_REQUEST", message, field);
}

/** Throws BAD_REQUEST on `field` unless `password` is the account's current password. */
export async function confirmPassword(scope: UserScope, passwordHash: string | null, password: string, field = "currentPassword"): Promise<void> {
  await refuseWhileThrottled(scope.userId);
  if (!passwordHash || !(await verifyPassword(passwordHash, password))) await countFailure(scope.userId, "That isn't your current password", field);
}

/**
 * Spends a second factor inside the caller's transaction: an authenticator code (its time
 * step recorded, so it is not accepted again) or an unused recovery code. Throws BAD_REQUEST
 * on `field` otherwise; the transaction rolls back with it.
 */
export async function confirmSecondFactor(
  scope: UserScope,
  credentials: Pick<OwnCredentials, "twoFactorSecret" | "twoFactorLastStep">,
  code: string,
  field = "code",
): Promise<"totp" | "recovery"> {
  await refuseWhileThrottled(scope.userId);
  if (isTotpCode(code)) {
    const secret = openTotpSecret(credentials.twoFactorSecret, scope.userId);
    const step = secret ? await verifyTotp(secret, code, credentials.twoFactorLastStep) : null;
    if (step !== null && (await spendOwnTotpStep(scope.tx, step))) return "totp";
  } else if (looksLikeRecoveryCode(code)) {
    const { count } = await scope.tx.twoFactorRecoveryCode.updateMany({
      where: { userId: scope.userId, codeHash: hashRecoveryCode(scope.userId, code), usedAt: null },
      data: { usedAt: new Date() },
    });
    if (count) return "recovery";
  }
  return countFailure(scope.userId, "That code didn't work. Enter the current code from your authenticator app, or an unused recovery code.", field);
}

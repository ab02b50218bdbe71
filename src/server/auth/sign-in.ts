// Credentials check with lockout. An unknown email and a wrong password get the same answer
// in the same time, and an unknown email "locks" after the same number of tries, so neither
// the message nor the timing tells whether an account exists.
import { newToken, sha256Hex } from "@/lib/tokens";
import {
  findUserForSignIn,
  hitRateLimit,
  peekRateLimit,
  recordFailedSignIn,
  startSession,
  type RequestMeta,
} from "@/server/db/system";
import { burnVerifyTime, verifyPassword } from "./password";
import { LOCKOUT, SESSION_MAX_AGE_SECONDS } from "./policy";

export type SignInFailure = "CredentialsSignin" | "AccountLocked" | "AccountDisabled";

export class SignInError extends Error {
  constructor(readonly reason: SignInFailure) {
    super(reason);
  }
}

export interface SignedIn {
  userId: string;
  sessionId: string;
  /** Goes into the JWT; the database keeps only its hash. */
  sessionToken: string;
}

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

const unknownEmailKey = (email: string) => `signin-email:${sha256Hex(email)}`;

export async function authenticate(rawEmail: string, password: string, meta: RequestMeta): Promise<SignedIn> {
  const email = normalizeEmail(rawEmail);
  const user = email ? await findUserForSignIn(email) : null;

  if (!user || !user.passwordHash || user.deletedAt) {
    if ((await peekRateLimit(unknownEmailKey(email), LOCKOUT.lockMs)) >= LOCKOUT.maxAttempts) throw new SignInError("AccountLocked");
    await burnVerifyTime(password);
    const { attempts } = await hitRateLimit(unknownEmailKey(email), LOCKOUT.maxAttempts, LOCKOUT.lockMs);
    throw new SignInError(attempts >= LOCKOUT.maxAttempts ? "AccountLocked" : "CredentialsSignin");
  }

  if (user.lockedUntil && user.lockedUntil > new Date()) throw new SignInError("AccountLocked");

  if (!(await verifyPassword(user.passwordHash, password))) {
    const { locked } = await recordFailedSignIn(user.id, LOCKOUT, meta);
    throw new SignInError(locked ? "AccountLocked" : "CredentialsSignin");
  }
  if (user.status !== "active") throw new SignInError("AccountDisabled");

  const sessionToken = newToken();
  const { sessionId } = await startSession(
    user.id,
    { tokenHash: sha256Hex(sessionToken), expiresAt: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000) },
    meta,
  );
  return { userId: user.id, sessionId, sessionToken };
}

// Credentials check with lockout. An unknown email and a wrong password get the same answer
// in the same time, and an unknown email "locks" after the same number of tries, so neither
// the message nor the timing tells whether an account exists.
//
// Two-factor authentication is a second step of the same check: only after the right
// password (and only for an account with it on) does the answer become "TwoFactorRequired";
// the form then sends the password again with the code, and the password is checked again
// first. A wrong code counts towards the same lockout as a wrong password, a code is accepted
// once, and the session is opened in the same transaction that spends the code.
import { newToken, sha256Hex } from "@/lib/tokens";
import { type SecondFactorProof, findTwoFactorChallenge, findUserForSecondFactor, startSessionWithSecondFactor } from "@/server/db/system/two-factor";
import { findUserForSignIn, recordFailedSignIn, startSession } from "@/server/db/system/sign-in";
import { hitRateLimit, peekRateLimit } from "@/server/db/rate-limits";
import type { RequestMeta } from "@/server/request-meta";
import { accountEmails, deliver } from "./emails";
import { burnVerifyTime, verifyPassword } from "./password";
import { LOCKOUT, SESSION_MAX_AGE_SECONDS } from "./policy";
import { hashRecoveryCode, looksLikeRecoveryCode } from "./recovery-codes";
import { isTotpCode, openTotpSecret, verifyTotp } from "./totp";

export type SignInFailure =
  | "CredentialsSignin"
  | "AccountLocked"
  | "AccountDisabled"
  /** The password was right; the account needs its two-factor code too. */
  | "TwoFactorRequired"
  /** The password was right; the code was wrong, malformed or already used. */
  | "TwoFactorInvalid"
  /** The second step of an OAuth sign-in came too late (or twice). */
  | "TwoFactorExpired";

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

export async function authenticate(rawEmail: string, password: string, meta: RequestMeta, code?: string): Promise<SignedIn> {
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

  if (user.twoFactorEnabled) {
    if (!code?.trim()) throw new SignInError("TwoFactorRequired");
    return secondFactor(user, code, meta, "password");
  }

  const sessionToken = newToken();
  const { sessionId } = await startSession(user.id, newSession(sessionToken), meta, "password");
  return { userId: user.id, sessionId, sessionToken };
}

const newSession = (sessionToken: string) => ({
  tokenHash: sha256Hex(sessionToken),
  expiresAt: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000),
});

interface SecondFactorUser {
  id: string;
  email: string;
  firstName: string;
  twoFactorSecret: string | null;
  twoFactorLastStep: number | null;
}

/** Checks the code (authenticator or recovery) and opens the session as it spends it. */
async function secondFactor(user: SecondFactorUser, code: string, meta: RequestMeta, firstStep: string, challengeHash?: string): Promise<SignedIn> {
  let proof: SecondFactorProof | null = null;
  if (isTotpCode(code)) {
    const secret = openTotpSecret(user.twoFactorSecret, user.id);
    if (!secret) console.error(`two-factor secret of user ${user.id} cannot be opened (was NEXTAUTH_SECRET changed?)`);
    const step = secret ? await verifyTotp(secret, code, user.twoFactorLastStep) : null;
    if (step !== null) proof = { kind: "totp", step };
  } else if (looksLikeRecoveryCode(code)) {
    proof = { kind: "recovery", codeHash: hashRecoveryCode(user.id, code) };
  }
  const sessionToken = newToken();
  const method = `${firstStep}+${proof?.kind ?? "totp"}`;
  const started = proof ? await startSessionWithSecondFactor(user.id, proof, newSession(sessionToken), meta, method, challengeHash) : null;
  if (!started) {
    const { locked } = await recordFailedSignIn(user.id, LOCKOUT, meta, "two_factor.failed");
    throw new SignInError(locked ? "AccountLocked" : "TwoFactorInvalid");
  }
  if (started.recoveryCodesLeft !== null) {
    await deliver(user.email, accountEmails.recoveryCodeUsed({ firstName: user.firstName, remaining: started.recoveryCodesLeft }));
  }
  return { userId: user.id, sessionId: started.sessionId, sessionToken };
}

/**
 * The second step of an OAuth sign-in into an account with two-factor authentication on: the
 * challenge the provider step left (single use, ten minutes) and the code.
 */
export async function authenticateChallenge(challenge: string, code: string, meta: RequestMeta): Promise<SignedIn> {
  const challengeHash = sha256Hex(challenge);
  const found = await findTwoFactorChallenge(challengeHash);
  const user = found ? await findUserForSecondFactor(found.userId) : null;
  if (!found || !user || user.deletedAt || !user.twoFactorEnabled) throw new SignInError("TwoFactorExpired");
  if (user.lockedUntil && user.lockedUntil > new Date()) throw new SignInError("AccountLocked");
  if (user.status !== "active") throw new SignInError("AccountDisabled");
  if (!code.trim()) throw new SignInError("TwoFactorRequired");
  return secondFactor(user, code, meta, `oauth:${found.provider}`, challengeHash);
}

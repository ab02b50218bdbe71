// Credentials check with throttling (./throttle.ts). An unknown email and a wrong password get
// the same answer in the same time, and an unknown email slows down after the same number of
// tries, so neither the message nor the timing tells whether an account exists.
//
// Failures slow sign-in down, they never lock an account: each attempt is charged to a budget
// before the password is checked (a known device's own, or the account's for unknown devices),
// and waits grow with failures. A device that signed in to the account before (its device
// cookie) is never held back by strangers' failures.
//
// Two-factor authentication is a second step of the same check: only after the right
// password (and only for an account with it on) does the answer become "TwoFactorRequired";
// the form then sends the password again with the code, and the password is checked again
// first. A wrong code counts like a wrong password, a code is accepted once, and the session
// is opened in the same transaction that spends the code.
import { newToken, sha256Hex } from "@/lib/tokens";
import { type SecondFactorProof, findTwoFactorChallenge, findUserForSecondFactor, startSessionWithSecondFactor } from "@/server/db/system/two-factor";
import { findUserForSignIn, startSession } from "@/server/db/system/sign-in";
import type { RequestMeta } from "@/server/request-meta";
import type { KnownDevice } from "./device-cookie";
import { accountEmails, deliver } from "./emails";
import { burnVerifyTime, verifyPassword } from "./password";
import { SESSION_MAX_AGE_SECONDS } from "./policy";
import { hashRecoveryCode, looksLikeRecoveryCode } from "./recovery-codes";
import { SignInError } from "./sign-in-error";
import { type SignInAttempt, admitSignInAttempt } from "./throttle";
import { isTotpCode, openTotpSecret, verifyTotp } from "./totp";

export { type SignInFailure, SignInError } from "./sign-in-error";

export interface SignedIn {
  userId: string;
  sessionId: string;
  /** Goes into the JWT; the database keeps only its hash. */
  sessionToken: string;
}

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export async function authenticate(rawEmail: string, password: string, meta: RequestMeta, code?: string, device: KnownDevice | null = null): Promise<SignedIn> {
  const email = normalizeEmail(rawEmail);
  const found = email ? await findUserForSignIn(email) : null;
  const user = found?.passwordHash && !found.deletedAt ? { ...found, passwordHash: found.passwordHash } : null;
  const attempt = await admitSignInAttempt({ email, userId: user?.id ?? null, device, meta });

  if (!user) {
    await burnVerifyTime(password);
    return attempt.fail("CredentialsSignin", "sign_in.failed");
  }
  if (!(await verifyPassword(user.passwordHash, password))) return attempt.fail("CredentialsSignin", "sign_in.failed");
  if (user.status !== "active") {
    await attempt.refund();
    throw new SignInError("AccountDisabled");
  }

  if (user.twoFactorEnabled) {
    if (!code?.trim()) {
      await attempt.refund();
      throw new SignInError("TwoFactorRequired");
    }
    return secondFactor(user, code, meta, "password", attempt);
  }

  const sessionToken = newToken();
  const { sessionId } = await startSession(user.id, newSession(sessionToken), meta, "password");
  await attempt.succeeded();
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
async function secondFactor(user: SecondFactorUser, code: string, meta: RequestMeta, firstStep: string, attempt: SignInAttempt, challengeHash?: string): Promise<SignedIn> {
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
  if (!started) return attempt.fail("TwoFactorInvalid", "two_factor.failed");
  await attempt.succeeded();
  if (started.recoveryCodesLeft !== null) {
    await deliver(user.email, accountEmails.recoveryCodeUsed({ firstName: user.firstName, remaining: started.recoveryCodesLeft }));
  }
  return { userId: user.id, sessionId: started.sessionId, sessionToken };
}

/**
 * The second step of an OAuth sign-in into an account with two-factor authentication on: the
 * challenge the provider step left (single use, ten minutes) and the code.
 */
export async function authenticateChallenge(challenge: string, code: string, meta: RequestMeta, device: KnownDevice | null = null): Promise<SignedIn> {
  const challengeHash = sha256Hex(challenge);
  const found = await findTwoFactorChallenge(challengeHash);
  const user = found ? await findUserForSecondFactor(found.userId) : null;
  if (!found || !user || user.deletedAt || !user.twoFactorEnabled) throw new SignInError("TwoFactorExpired");
  if (user.status !== "active") throw new SignInError("AccountDisabled");
  if (!code.trim()) throw new SignInError("TwoFactorRequired");
  const attempt = await admitSignInAttempt({ email: user.email, userId: user.id, device, meta });
  return secondFactor(user, code, meta, `oauth:${found.provider}`, attempt, challengeHash);
}

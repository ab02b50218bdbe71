// The second factor at sign-in: spending an authenticator code or recovery code, and the OAuth challenge step.
import "server-only";
import type { RequestMeta } from "@/server/request-meta";
import { systemDb } from "../client";
import { issueLinkToken, securityEvent } from "./shared";
import { type NewSession, openSession, type SignInMethod } from "./sign-in";

export type SecondFactorProof = { kind: "totp"; step: number } | { kind: "recovery"; codeHash: string };

class ProofAlreadySpent extends Error {}

/**
 * Spends the second factor (an authenticator code's time step, or a recovery code) and opens
 * the session, in one transaction: null when the proof was spent already (a replayed code, a
 * used recovery code) or the OAuth challenge it answers is gone, and then nothing changes.
 */
export async function startSessionWithSecondFactor(
  userId: string,
  proof: SecondFactorProof,
  session: NewSession,
  meta: RequestMeta,
  method: SignInMethod,
  challengeHash?: string,
): Promise<{ sessionId: string; recoveryCodesLeft: number | null } | null> {
  try {
    return await systemDb().$transaction(async (tx) => {
      const now = new Date();
      if (challengeHash) {
        const { count } = await tx.verificationToken.updateMany({
          where: { tokenHash: challengeHash, userId, purpose: "two_factor_challenge", consumedAt: null, expiresAt: { gt: now } },
          data: { consumedAt: now },
        });
        if (count === 0) throw new ProofAlreadySpent();
      }
      let recoveryCodesLeft: number | null = null;
      if (proof.kind === "totp") {
        const { count } = await tx.user.updateMany({
          where: { id: userId, twoFactorEnabled: true, OR: [{ twoFactorLastStep: null }, { twoFactorLastStep: { lt: proof.step } }] },
          data: { twoFactorLastStep: proof.step },
        });
        if (count === 0) throw new ProofAlreadySpent();
      } else {
        const { count } = await tx.twoFactorRecoveryCode.updateMany({ where: { userId, codeHash: proof.codeHash, usedAt: null }, data: { usedAt: now } });
        if (count === 0) throw new ProofAlreadySpent();
        recoveryCodesLeft = await tx.twoFactorRecoveryCode.count({ where: { userId, usedAt: null } });
        await securityEvent(tx, userId, "two_factor.recovery_code_used", meta, { remaining: recoveryCodesLeft });
      }
      const { sessionId } = await openSession(tx, userId, session, meta, method);
      return { sessionId, recoveryCodesLeft };
    });
  } catch (error) {
    if (error instanceof ProofAlreadySpent) return null;
    throw error;
  }
}

/** The step between an OAuth sign-in and the code it still needs: a single-use token, minutes long. */
export async function issueTwoFactorChallenge(userId: string, provider: string, ttlMs: number): Promise<string> {
  return systemDb().$transaction((tx) => issueLinkToken(tx, userId, "two_factor_challenge", provider, ttlMs));
}

export async function findTwoFactorChallenge(tokenHash: string): Promise<{ userId: string; provider: string } | null> {
  const token = await systemDb().verificationToken.findUnique({ where: { tokenHash }, select: { userId: true, identifier: true, purpose: true, consumedAt: true, expiresAt: true } });
  if (!token?.userId || token.purpose !== "two_factor_challenge" || token.consumedAt || token.expiresAt <= new Date()) return null;
  return { userId: token.userId, provider: token.identifier };
}

/** The sign-in facts findUserForSignIn gives, by id (for the second step of an OAuth sign-in). */
export function findUserForSecondFactor(userId: string) {
  return systemDb().user.findUnique({
    where: { id: userId },
    select: {
      id: true, email: true, firstName: true, status: true, deletedAt: true,
      twoFactorEnabled: true, twoFactorSecret: true, twoFactorLastStep: true,
    },
  });
}

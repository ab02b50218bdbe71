// Sign-in: the account behind an email, failed attempts, and opening a session.
import "server-only";
import type { RequestMeta } from "@/server/request-meta";
import { systemDb } from "../client";
import type { SystemTx } from "./shared";

export function findUserForSignIn(email: string) {
  return systemDb().user.findUnique({
    where: { email },
    select: {
      id: true, passwordHash: true, status: true, lockedUntil: true, failedLoginAttempts: true, deletedAt: true,
      email: true, firstName: true, twoFactorEnabled: true, twoFactorSecret: true, twoFactorLastStep: true,
    },
  });
}

/** Counts a failed password (or two-factor code); the attempt that reaches `maxAttempts` locks the account. */
export async function recordFailedSignIn(
  userId: string,
  policy: { maxAttempts: number; lockMs: number },
  meta: RequestMeta,
  event: "sign_in.failed" | "two_factor.failed" = "sign_in.failed",
): Promise<{ locked: boolean }> {
  return systemDb().$transaction(async (tx) => {
    const user = await tx.user.update({
      where: { id: userId },
      data: { failedLoginAttempts: { increment: 1 } },
      select: { failedLoginAttempts: true },
    });
    const locked = user.failedLoginAttempts >= policy.maxAttempts;
    if (locked) {
      await tx.user.update({
        where: { id: userId },
        data: { lockedUntil: new Date(Date.now() + policy.lockMs), failedLoginAttempts: 0 },
      });
    }
    await tx.securityEvent.create({
      data: { userId, event: locked ? "sign_in.locked" : event, ipAddress: meta.ip, userAgent: meta.userAgent },
    });
    return { locked };
  });
}

export interface NewSession {
  tokenHash: string;
  expiresAt: Date;
}

/** How the person proved who they are, for their security log ("password", "password+totp", "oauth:google"…). */
export type SignInMethod = string;

export async function openSession(tx: SystemTx, userId: string, session: NewSession, meta: RequestMeta, method: SignInMethod): Promise<{ sessionId: string }> {
  await tx.user.update({
    where: { id: userId },
    data: { failedLoginAttempts: 0, lockedUntil: null, lastLoginAt: new Date(), lastLoginIp: meta.ip },
  });
  const created = await tx.session.create({
    data: { userId, tokenHash: session.tokenHash, expiresAt: session.expiresAt, ipAddress: meta.ip, userAgent: meta.userAgent },
    select: { id: true },
  });
  await tx.securityEvent.create({
    data: { userId, event: "sign_in.succeeded", ipAddress: meta.ip, userAgent: meta.userAgent, details: { sessionId: created.id, method } },
  });
  return { sessionId: created.id };
}

export async function startSession(userId: string, session: NewSession, meta: RequestMeta, method: SignInMethod = "password"): Promise<{ sessionId: string }> {
  return systemDb().$transaction((tx) => openSession(tx, userId, session, meta, method));
}

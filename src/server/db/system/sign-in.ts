// Sign-in: the account behind an email, failed attempts, and opening a session.
import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { RequestMeta } from "@/server/request-meta";
import { systemDb } from "../client";
import type { SystemTx } from "./shared";

export function findUserForSignIn(email: string) {
  return systemDb().user.findUnique({
    where: { email },
    select: {
      id: true, passwordHash: true, status: true, deletedAt: true,
      email: true, firstName: true, twoFactorEnabled: true, twoFactorSecret: true, twoFactorLastStep: true,
    },
  });
}

/** The sign-in backoff of an account as seen from unknown devices (src/server/auth/throttle.ts). */
export interface UserBackoff {
  failures: number;
  waitUntil: Date | null;
}

/**
 * Reads the account's backoff under a row lock and stores what `update` makes of it, in one
 * transaction: concurrent attempts on one account are counted in turn.
 */
export async function updateUserBackoff<T>(userId: string, update: (state: UserBackoff, now: Date) => { state: UserBackoff; result: T }): Promise<T> {
  return systemDb().$transaction(async (tx) => {
    const [current] = await tx.$queryRaw<{ failed_login_attempts: number; locked_until: Date | null }[]>`
      SELECT failed_login_attempts, locked_until FROM users WHERE id = ${userId}::uuid FOR UPDATE`;
    const { state, result } = update({ failures: current?.failed_login_attempts ?? 0, waitUntil: current?.locked_until ?? null }, new Date());
    if (current) await tx.user.update({ where: { id: userId }, data: { failedLoginAttempts: state.failures, lockedUntil: state.waitUntil } });
    return result;
  });
}

export type SignInFailureEvent = "sign_in.failed" | "two_factor.failed" | "sign_in.throttled";

/** One line in the person's security log about a failed or slowed-down sign-in. */
export async function recordSignInEvent(userId: string, event: SignInFailureEvent, meta: RequestMeta, details: Record<string, unknown>): Promise<void> {
  await systemDb().securityEvent.create({
    data: { userId, event, ipAddress: meta.ip, userAgent: meta.userAgent, details: details as Prisma.InputJsonObject },
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

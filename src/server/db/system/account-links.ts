// Single-use links mailed to an account: email verification, email change and password reset.
import "server-only";
import type { RequestMeta } from "@/server/request-meta";
import { systemDb } from "../client";
import { canUseAccount, issueLinkToken, securityEvent } from "./shared";

// Email verification, email change and password reset links. A token is random, only its
// sha256 is stored, it is single use, and issuing a new one for the same purpose replaces any
// still open. Callers send the email after these return (the transaction has committed).

/** A verification link for the user's current address, or null when it is already verified (or the account is gone). */
export async function issueEmailVerification(userId: string, ttlMs: number, meta: RequestMeta): Promise<{ email: string; firstName: string; token: string } | null> {
  return systemDb().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { email: true, firstName: true, emailVerified: true, status: true, deletedAt: true } });
    if (!canUseAccount(user) || user!.emailVerified) return null;
    const token = await issueLinkToken(tx, userId, "email_verification", user!.email, ttlMs);
    await securityEvent(tx, userId, "email.verification_sent", meta, { email: user!.email });
    return { email: user!.email, firstName: user!.firstName, token };
  });
}

/** A link to confirm `newEmail` as the user's sign-in address; nothing changes until it is used. */
export async function issueEmailChange(
  userId: string,
  newEmail: string,
  ttlMs: number,
  meta: RequestMeta,
): Promise<{ ok: true; token: string; firstName: string } | { ok: false; reason: "same" | "taken" }> {
  return systemDb().$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, firstName: true } });
    if (user.email === newEmail) return { ok: false, reason: "same" } as const;
    if (await tx.user.findUnique({ where: { email: newEmail }, select: { id: true } })) return { ok: false, reason: "taken" } as const;
    const token = await issueLinkToken(tx, userId, "email_change", newEmail, ttlMs);
    await securityEvent(tx, userId, "email.change_requested", meta, { from: user.email, to: newEmail });
    return { ok: true, token, firstName: user.firstName } as const;
  });
}

export async function pendingEmailChange(userId: string): Promise<{ email: string; expiresAt: Date } | null> {
  const token = await systemDb().verificationToken.findFirst({
    where: { userId, purpose: "email_change", consumedAt: null, expiresAt: { gt: new Date() } },
    select: { identifier: true, expiresAt: true },
    orderBy: { createdAt: "desc" },
  });
  return token ? { email: token.identifier, expiresAt: token.expiresAt } : null;
}

export async function cancelEmailChange(userId: string, meta: RequestMeta): Promise<{ cancelled: number }> {
  return systemDb().$transaction(async (tx) => {
    const { count } = await tx.verificationToken.deleteMany({ where: { userId, purpose: "email_change", consumedAt: null } });
    if (count) await securityEvent(tx, userId, "email.change_cancelled", meta);
    return { cancelled: count };
  });
}

export type EmailLinkResult =
  | { status: "verified"; email: string }
  | { status: "already-verified"; email: string }
  | { status: "changed"; oldEmail: string; newEmail: string; firstName: string }
  | { status: "taken"; newEmail: string }
  | { status: "expired" }
  | { status: "invalid" };

/**
 * Uses an email verification or email change link. Opening a used verification link again
 * (a refresh, a second click) says it is already verified rather than that it is invalid.
 */
export async function consumeEmailLink(tokenHash: string, meta: RequestMeta): Promise<EmailLinkResult> {
  try {
    return await systemDb().$transaction(async (tx): Promise<EmailLinkResult> => {
      const now = new Date();
      const token = await tx.verificationToken.findUnique({
        where: { tokenHash },
        select: {
          id: true, purpose: true, identifier: true, expiresAt: true, consumedAt: true,
          user: { select: { id: true, email: true, firstName: true, emailVerified: true, status: true, deletedAt: true } },
        },
      });
      if (!token || !token.user || (token.purpose !== "email_verification" && token.purpose !== "email_change")) return { status: "invalid" };
      const user = token.user;
      if (!canUseAccount(user)) return { status: "invalid" };
      if (token.consumedAt) {
        return token.purpose === "email_verification" && user.emailVerified && user.email === token.identifier
          ? { status: "already-verified", email: user.email }
          : { status: "invalid" };
      }
      if (token.expiresAt <= now) return { status: "expired" };
      const { count } = await tx.verificationToken.updateMany({ where: { id: token.id, consumedAt: null }, data: { consumedAt: now } });
      if (count === 0) return { status: "invalid" };

      if (token.purpose === "email_verification") {
        // A link for an address the account no longer has proves nothing about the current one.
        if (token.identifier !== user.email) return { status: "invalid" };
        if (!user.emailVerified) await tx.user.update({ where: { id: user.id }, data: { emailVerified: now } });
        await securityEvent(tx, user.id, "email.verified", meta, { email: user.email });
        return { status: "verified", email: user.email };
      }

      const newEmail = token.identifier;
      const holder = await tx.user.findUnique({ where: { email: newEmail }, select: { id: true } });
      if (holder && holder.id !== user.id) return { status: "taken", newEmail };
      await tx.user.update({ where: { id: user.id }, data: { email: newEmail, emailVerified: now } });
      // Links mailed to the old address (reset, verification) and other pending changes die with it.
      await tx.verificationToken.deleteMany({
        where: { userId: user.id, consumedAt: null, purpose: { in: ["email_change", "email_verification", "password_reset"] } },
      });
      await securityEvent(tx, user.id, "email.changed", meta, { from: user.email, to: newEmail });
      return { status: "changed", oldEmail: user.email, newEmail, firstName: user.firstName };
    });
  } catch (error) {
    // Someone took the address between the check and the update.
    if ((error as { code?: string }).code === "P2002") return { status: "invalid" };
    throw error;
  }
}

/** A password reset link for an active account with this email, or null (the caller answers the same either way). */
export async function issuePasswordReset(email: string, ttlMs: number, meta: RequestMeta): Promise<{ email: string; firstName: string; token: string } | null> {
  const user = await systemDb().user.findUnique({ where: { email }, select: { id: true, email: true, firstName: true, status: true, deletedAt: true } });
  if (!user || !canUseAccount(user)) return null;
  return systemDb().$transaction(async (tx) => {
    const token = await issueLinkToken(tx, user.id, "password_reset", user.email, ttlMs);
    await securityEvent(tx, user.id, "password.reset_requested", meta);
    return { email: user.email, firstName: user.firstName, token };
  });
}

export async function passwordResetLinkIsOpen(tokenHash: string): Promise<boolean> {
  const open = await systemDb().verificationToken.count({
    where: { tokenHash, purpose: "password_reset", consumedAt: null, expiresAt: { gt: new Date() }, user: { status: "active", deletedAt: null } },
  });
  return open > 0;
}

/**
 * Sets a new password from a reset link (once), ends every session of the account, clears a
 * lockout, and counts the address as verified (the link reached it). Null when the link is
 * unknown, used or expired.
 */
export async function resetPasswordWithLink(
  tokenHash: string,
  passwordHash: string,
  meta: RequestMeta,
): Promise<{ email: string; firstName: string; sessionsEnded: number } | null> {
  return systemDb().$transaction(async (tx) => {
    const now = new Date();
    const [token] = await tx.verificationToken.updateManyAndReturn({
      where: { tokenHash, purpose: "password_reset", consumedAt: null, expiresAt: { gt: now } },
      data: { consumedAt: now },
      select: { userId: true },
    });
    if (!token?.userId) return null;
    const user = await tx.user.findUnique({ where: { id: token.userId }, select: { id: true, email: true, firstName: true, emailVerified: true, status: true, deletedAt: true } });
    if (!user || !canUseAccount(user)) return null;
    await tx.user.update({
      where: { id: user.id },
      data: { passwordHash, failedLoginAttempts: 0, lockedUntil: null, emailVerified: user.emailVerified ?? now },
    });
    const { count } = await tx.session.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: now } });
    await tx.verificationToken.deleteMany({ where: { userId: user.id, purpose: "password_reset", consumedAt: null } });
    await securityEvent(tx, user.id, "password.reset", meta, { sessionsEnded: count });
    return { email: user.email, firstName: user.firstName, sessionsEnded: count };
  });
}

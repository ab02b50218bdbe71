// The signed-in person's own account: email (verification, change), password, and their
// security log. Runs in the user's scope (withUser: RLS limits it to their own rows); the
// password hash only through own-credentials.ts (the app role cannot read it); link tokens are
// issued through named functions in src/server/db/system/; mail goes after commit.
import type { z } from "zod";
import { assertAcceptablePassword } from "@/features/auth/auth.service";
import { limitResetRequests, sendResetLinkLater } from "@/features/auth/password-reset.service";
import { AppError } from "@/server/api/errors";
import type { UserScope } from "@/server/api/scope";
import { accountEmails } from "@/server/auth/emails";
import { hashPassword, verifyPassword } from "@/server/auth/password";
import { ACCOUNT_LIMITS, LINK_TTL_MS } from "@/server/auth/policy";
import { normalizeEmail } from "@/server/auth/sign-in";
import { sendEmail } from "@/server/email/mailer";
import { type OwnCredentials, readOwnCredentials, setOwnPasswordHash } from "@/server/db/own-credentials";
import { cancelEmailChange as cancelPendingEmailChange, issueEmailChange, issueEmailVerification, pendingEmailChange } from "@/server/db/system/account-links";
import { hitRateLimit } from "@/server/db/rate-limits";
import { listOAuthAccounts } from "@/server/db/system/oauth";
import { listUserOrganizations } from "@/server/db/system/sessions";
import type { changeEmailSchema, changePasswordSchema, securityEventsSchema } from "./account.schema";
import { confirmPassword } from "./reauthenticate";

export async function ownUser(scope: UserScope) {
  const user = await scope.tx.user.findUnique({
    where: { id: scope.userId },
    select: { email: true, firstName: true, fullName: true, emailVerified: true, twoFactorEnabled: true, twoFactorEnabledAt: true },
  });
  if (!user) throw new AppError("UNAUTHORIZED", "Sign in to continue");
  return user;
}

/** The password hash and authenticator state: the app role reads them only through this (src/server/db/own-credentials.ts). */
export async function ownCredentials(scope: UserScope): Promise<OwnCredentials> {
  const credentials = await readOwnCredentials(scope.tx);
  if (!credentials) throw new AppError("UNAUTHORIZED", "Sign in to continue");
  return credentials;
}

export async function recordSecurityEvent(scope: UserScope, name: string, details: Record<string, unknown> = {}) {
  await scope.tx.securityEvent.create({
    data: { userId: scope.userId, event: name, ipAddress: scope.meta.ip, userAgent: scope.meta.userAgent, details: details as object },
  });
}
async function limit(key: string, rule: { limit: number; windowMs: number }, what: string) {
  const verdict = await hitRateLimit(key, rule.limit, rule.windowMs);
  if (!verdict.allowed) {
    throw new AppError("TOO_MANY_REQUESTS", `You've ${what} several times already. Try again in ${Math.ceil(verdict.retryAfterSeconds / 60)} minutes.`);
  }
}

/** Whether the email is verified: what the reminder banner needs on every page. */
export async function emailStatus(scope: UserScope) {
  const user = await scope.tx.user.findUnique({ where: { id: scope.userId }, select: { email: true, emailVerified: true } });
  return { email: user?.email ?? "", verified: !!user?.emailVerified };
}

/** Everything the security page shows. */
export async function securityOverview(scope: UserScope) {
  const user = await ownUser(scope);
  const { passwordHash } = await ownCredentials(scope);
  const [recoveryCodesLeft, pending, oauth, organizations] = await Promise.all([
    scope.tx.twoFactorRecoveryCode.count({ where: { userId: scope.userId, usedAt: null } }),
    pendingEmailChange(scope.userId),
    listOAuthAccounts(scope.userId),
    listUserOrganizations(scope.userId),
  ]);
  return {
    email: user.email,
    emailVerified: !!user.emailVerified,
    hasPassword: !!passwordHash,
    pendingEmail: pending,
    twoFactor: { enabled: user.twoFactorEnabled, enabledAt: user.twoFactorEnabledAt, recoveryCodesLeft: user.twoFactorEnabled ? recoveryCodesLeft : 0 },
    oauthAccounts: oauth,
    organizations: organizations.map((o) => ({ name: o.name, slug: o.slug })),
  };
}

export async function resendVerification(scope: UserScope): Promise<{ sent: boolean; alreadyVerified: boolean }> {
  await limit(`verify-resend:${scope.userId}`, ACCOUNT_LIMITS.verificationResend, "asked for a verification email");
  const issued = await issueEmailVerification(scope.userId, LINK_TTL_MS.emailVerification, scope.meta);
  if (!issued) return { sent: false, alreadyVerified: true };
  scope.afterCommit(() => sendEmail(issued.email, accountEmails.verifyEmail(issued)));
  return { sent: true, alreadyVerified: false };
}

/** Emails a confirmation link to the new address; the address changes only when it is used. */
export async function requestEmailChange(scope: UserScope, input: z.output<typeof changeEmailSchema>): Promise<{ pendingEmail: string }> {
  const { passwordHash } = await ownCredentials(scope);
  if (passwordHash) await confirmPassword(scope, passwordHash, input.currentPassword);
  await limit(`email-change:${scope.userId}`, ACCOUNT_LIMITS.emailChange, "asked to change your email");
  const newEmail = normalizeEmail(input.newEmail);
  const issued = await issueEmailChange(scope.userId, newEmail, LINK_TTL_MS.emailChange, scope.meta);
  if (!issued.ok) {
    if (issued.reason === "same") throw new AppError("BAD_REQUEST", "That's already your email address", "newEmail");
    throw new AppError("CONFLICT", "That email address belongs to another Parley account", "newEmail");
  }
  scope.afterCommit(() => sendEmail(newEmail, accountEmails.confirmEmailChange({ firstName: issued.firstName, newEmail, token: issued.token })));
  return { pendingEmail: newEmail };
}

export async function cancelEmailChange(scope: UserScope): Promise<{ cancelled: number }> {
  return cancelPendingEmailChange(scope.userId, scope.meta);
}

/** Needs the current password; signs out every other session, keeps this one. */
export async function changePassword(scope: UserScope, input: z.output<typeof changePasswordSchema>): Promise<{ sessionsEnded: number }> {
  const user = await ownUser(scope);
  const { passwordHash } = await ownCredentials(scope);
  if (!passwordHash) {
    throw new AppError("PRECONDITION_FAILED", "Your account has no password yet. Use “Email me a link to set a password” instead.");
  }
  await confirmPassword(scope, passwordHash, input.currentPassword);
  if (await verifyPassword(passwordHash, input.newPassword)) {
    throw new AppError("BAD_REQUEST", "Choose a password different from your current one", "newPassword");
  }
  assertAcceptablePassword(input.newPassword);
  // In this transaction, with the sessions it ends; over the hash just verified, so of two
  // changes made at once with the same old password only one goes through.
  if (!(await setOwnPasswordHash(scope.tx, passwordHash, await hashPassword(input.newPassword)))) {
    throw new AppError("CONFLICT", "Your password was changed a moment ago. Reload the page and try again.");
  }
  const { count } = await scope.tx.session.updateMany({
    where: { userId: scope.userId, revokedAt: null, id: { not: scope.sessionId } },
    data: { revokedAt: new Date() },
  });
  await recordSecurityEvent(scope, "password.changed", { sessionsEnded: count });
  scope.afterCommit(() => sendEmail(user.email, accountEmails.passwordChanged({ firstName: user.firstName, how: "changed", sessionsEnded: count })));
  return { sessionsEnded: count };
}

/** For accounts without a password (signed up with Google, GitHub or Microsoft): the reset link sets one. */
export async function sendPasswordSetupLink(scope: UserScope): Promise<{ sentTo: string }> {
  const user = await ownUser(scope);
  await limitResetRequests(user.email, scope.meta);
  scope.afterCommit(() => sendResetLinkLater(user.email, scope.meta));
  return { sentTo: user.email };
}

export async function recentSecurityEvents(scope: UserScope, input: z.output<typeof securityEventsSchema>) {
  return scope.tx.securityEvent.findMany({
    where: { userId: scope.userId },
    select: { id: true, event: true, ipAddress: true, userAgent: true, details: true, createdAt: true },
    orderBy: { createdAt: "desc" },
    take: input.limit,
  });
}

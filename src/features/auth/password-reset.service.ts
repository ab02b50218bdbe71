// Forgotten passwords and emailed links: what people reach without being signed in. The reset
// request answers the same way, in the same time, whether or not an account has the email:
// the link is looked up and sent after the answer has gone.
import type { z } from "zod";
import { sha256Hex } from "@/lib/tokens";
import { AppError } from "@/server/api/errors";
import { accountEmails, deliver } from "@/server/auth/emails";
import { hashPassword } from "@/server/auth/password";
import { ACCOUNT_LIMITS, LINK_TTL_MS } from "@/server/auth/policy";
import { normalizeEmail } from "@/server/auth/sign-in";
import type { RequestMeta } from "@/server/request-meta";
import { hitRateLimit } from "@/server/db/rate-limits";
import { issuePasswordReset, passwordResetLinkIsOpen, resetPasswordWithLink, consumeEmailLink } from "@/server/db/system/account-links";
import type { forgotPasswordSchema, linkTokenSchema, resetPasswordSchema } from "./auth.schema";
import { assertAcceptablePassword } from "./auth.service";

const minutes = (seconds: number) => `${Math.ceil(seconds / 60)} minute${Math.ceil(seconds / 60) === 1 ? "" : "s"}`;

/** Counts one reset request per address and per client IP; refuses beyond either limit. */
export async function limitResetRequests(email: string, meta: RequestMeta): Promise<void> {
  const { passwordResetPerEmail: perEmail, passwordResetPerIp: perIp } = ACCOUNT_LIMITS;
  const byIp = await hitRateLimit(`pwreset-ip:${meta.ip ?? "unknown"}`, perIp.limit, perIp.windowMs);
  const byEmail = await hitRateLimit(`pwreset-email:${sha256Hex(email)}`, perEmail.limit, perEmail.windowMs);
  const refused = [byIp, byEmail].filter((v) => !v.allowed);
  if (refused.length) {
    const wait = Math.max(...refused.map((v) => v.retryAfterSeconds));
    throw new AppError("TOO_MANY_REQUESTS", `Too many reset requests. Try again in ${minutes(wait)}.`);
  }
}

/** Sends the reset link (if an account has the email) after the caller has its answer. */
export function sendResetLinkLater(email: string, meta: RequestMeta): Promise<void> {
  return issuePasswordReset(email, LINK_TTL_MS.passwordReset, meta)
    .then((issued) => (issued ? deliver(issued.email, accountEmails.passwordReset(issued)) : undefined))
    .catch((error) => console.error("password reset request failed:", error instanceof Error ? error.message : error));
}

export async function requestPasswordReset(input: z.output<typeof forgotPasswordSchema>, meta: RequestMeta): Promise<{ sent: true }> {
  const email = normalizeEmail(input.email);
  await limitResetRequests(email, meta);
  void sendResetLinkLater(email, meta);
  return { sent: true };
}

export async function checkResetLink(input: z.output<typeof linkTokenSchema>): Promise<{ valid: boolean }> {
  return { valid: await passwordResetLinkIsOpen(sha256Hex(input.token)) };
}

const EXPIRED = "This reset link has expired or was already used. Ask for a new one below.";

/** Sets the new password from the link (once) and signs the account out everywhere. */
export async function resetPassword(input: z.output<typeof resetPasswordSchema>, meta: RequestMeta): Promise<{ email: string; sessionsEnded: number }> {
  const tokenHash = sha256Hex(input.token);
  // Checked before the (deliberately slow) hashing, so made-up links cost nothing.
  if (!(await passwordResetLinkIsOpen(tokenHash))) throw new AppError("BAD_REQUEST", EXPIRED, "token");
  assertAcceptablePassword(input.password);
  const result = await resetPasswordWithLink(tokenHash, await hashPassword(input.password), meta);
  if (!result) throw new AppError("BAD_REQUEST", EXPIRED, "token");
  await deliver(result.email, accountEmails.passwordChanged({ firstName: result.firstName, how: "reset", sessionsEnded: result.sessionsEnded }));
  return { email: result.email, sessionsEnded: result.sessionsEnded };
}

/** Uses an email verification or email change link; a completed change is reported to the old address. */
export async function confirmEmailLink(input: z.output<typeof linkTokenSchema>, meta: RequestMeta) {
  const result = await consumeEmailLink(sha256Hex(input.token), meta);
  if (result.status === "changed") {
    await deliver(result.oldEmail, accountEmails.emailChanged(result));
    return { status: result.status, email: result.newEmail } as const;
  }
  if (result.status === "verified" || result.status === "already-verified") return { status: result.status, email: result.email } as const;
  if (result.status === "taken") return { status: result.status, email: result.newEmail } as const;
  return { status: result.status, email: null } as const;
}

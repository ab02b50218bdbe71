// Two-factor authentication (TOTP) for the signed-in person: set up with a QR code (or the
// secret typed in), confirmed with a first code, ten recovery codes shown once; new recovery
// codes, and turning it off, need a code (and, to turn off, the password). The authenticator
// secret is stored sealed (AES-256-GCM, src/server/auth/secret-box.ts) and read and written only
// through src/server/db/own-credentials.ts, in this transaction.
import QRCode from "qrcode";
import type { z } from "zod";
import { ownCredentials, ownUser, recordSecurityEvent } from "@/features/account/account.service";
import { confirmPassword, confirmSecondFactor } from "@/features/account/reauthenticate";
import { AppError } from "@/server/api/errors";
import type { UserScope } from "@/server/api/scope";
import { accountEmails } from "@/server/auth/emails";
import { ACCOUNT_LIMITS } from "@/server/auth/policy";
import { hashRecoveryCode, newRecoveryCodes } from "@/server/auth/recovery-codes";
import { formatSecret, newTotpSecret, openTotpSecret, sealTotpSecret, totpUri, verifyTotp } from "@/server/auth/totp";
import { sendEmail } from "@/server/email/mailer";
import { beginOwnTwoFactor, disableOwnTwoFactor, enableOwnTwoFactor } from "@/server/db/own-credentials";
import { hitRateLimit, peekRateLimit } from "@/server/db/rate-limits";
import { listUserOrganizations } from "@/server/db/system/sessions";
import type { confirmEnrollmentSchema, disableTwoFactorSchema, regenerateRecoveryCodesSchema } from "./two-factor.schema";

const ALREADY_ON = "Two-factor authentication is already on. Turn it off first to set it up with another app.";

/** A new secret for the app to scan; replaces any setup not yet confirmed. */
export async function beginEnrollment(scope: UserScope) {
  const user = await ownUser(scope);
  if (user.twoFactorEnabled) throw new AppError("CONFLICT", ALREADY_ON);
  const secret = newTotpSecret();
  // Refused only if it was turned on since the check above (another tab).
  if (!(await beginOwnTwoFactor(scope.tx, sealTotpSecret(secret, scope.userId)))) throw new AppError("CONFLICT", ALREADY_ON);
  await recordSecurityEvent(scope, "two_factor.setup_started");
  const uri = totpUri(secret, user.email);
  return {
    secret: formatSecret(secret),
    otpauthUri: uri,
    qrCode: await QRCode.toDataURL(uri, { errorCorrectionLevel: "M", margin: 1, width: 200, color: { dark: "#0f172a", light: "#ffffff" } }),
  };
}

async function storeRecoveryCodes(scope: UserScope): Promise<string[]> {
  const codes = newRecoveryCodes();
  await scope.tx.twoFactorRecoveryCode.deleteMany({ where: { userId: scope.userId } });
  await scope.tx.twoFactorRecoveryCode.createMany({ data: codes.map((code) => ({ userId: scope.userId, codeHash: hashRecoveryCode(scope.userId, code) })) });
  return codes;
}

/** The first code proves the app has the secret: two-factor goes on, with ten recovery codes. */
export async function confirmEnrollment(scope: UserScope, input: z.output<typeof confirmEnrollmentSchema>): Promise<{ recoveryCodes: string[] }> {
  const user = await ownUser(scope);
  if (user.twoFactorEnabled) throw new AppError("CONFLICT", ALREADY_ON);
  const { twoFactorSecret: sealed } = await ownCredentials(scope);
  const secret = openTotpSecret(sealed, scope.userId);
  if (!sealed || !secret) throw new AppError("PRECONDITION_FAILED", "Start the setup again: scan a new QR code, then enter its code.");
  const { limit, windowMs } = ACCOUNT_LIMITS.twoFactorSetup;
  const throttleKey = `2fa-setup:${scope.userId}`;
  const tooMany = new AppError("TOO_MANY_REQUESTS", "Too many wrong codes. Wait 15 minutes, then try again.");
  if ((await peekRateLimit(throttleKey, windowMs)) >= limit) throw tooMany;
  const step = await verifyTotp(secret, input.code, null);
  if (step === null) {
    // The wrong code that reaches the limit is refused as "too many", like the sign-in lockout.
    const { attempts } = await hitRateLimit(throttleKey, limit, windowMs);
    if (attempts >= limit) throw tooMany;
    throw new AppError("BAD_REQUEST", "That code didn't match. Check that your phone's clock is right, then enter the newest code.", "code");
  }
  // The secret this code was checked against: a setup begun meanwhile (another tab) must start over.
  if (!(await enableOwnTwoFactor(scope.tx, sealed, step))) {
    throw new AppError("PRECONDITION_FAILED", "Start the setup again: scan a new QR code, then enter its code.");
  }
  const recoveryCodes = await storeRecoveryCodes(scope);
  await recordSecurityEvent(scope, "two_factor.enabled");
  scope.afterCommit(() => sendEmail(user.email, accountEmails.twoFactorEnabled(user)));
  return { recoveryCodes };
}

export async function regenerateRecoveryCodes(scope: UserScope, input: z.output<typeof regenerateRecoveryCodesSchema>): Promise<{ recoveryCodes: string[] }> {
  const user = await ownUser(scope);
  if (!user.twoFactorEnabled) throw new AppError("PRECONDITION_FAILED", "Turn on two-factor authentication first.");
  await confirmSecondFactor(scope, await ownCredentials(scope), input.code);
  const recoveryCodes = await storeRecoveryCodes(scope);
  await recordSecurityEvent(scope, "two_factor.recovery_codes_regenerated");
  return { recoveryCodes };
}

/** Needs the password (when the account has one) and a code; organizations that require it will ask again. */
export async function disableTwoFactor(scope: UserScope, input: z.output<typeof disableTwoFactorSchema>): Promise<{ requiredBy: string[] }> {
  const user = await ownUser(scope);
  if (!user.twoFactorEnabled) throw new AppError("PRECONDITION_FAILED", "Two-factor authentication is already off.");
  const credentials = await ownCredentials(scope);
  if (credentials.passwordHash) await confirmPassword(scope, credentials.passwordHash, input.password, "password");
  await confirmSecondFactor(scope, credentials, input.code);
  // Turned off since the check above (another tab): this request changes nothing then.
  if (!(await disableOwnTwoFactor(scope.tx))) throw new AppError("PRECONDITION_FAILED", "Two-factor authentication is already off.");
  await scope.tx.twoFactorRecoveryCode.deleteMany({ where: { userId: scope.userId } });
  await recordSecurityEvent(scope, "two_factor.disabled");
  scope.afterCommit(() => sendEmail(user.email, accountEmails.twoFactorDisabled(user)));
  return { requiredBy: await organizationsRequiringTwoFactor(scope.userId) };
}

/** Names of the caller's organizations that require two-factor authentication. */
export async function organizationsRequiringTwoFactor(userId: string): Promise<string[]> {
  const organizations = await listUserOrganizations(userId);
  return organizations.filter((o) => o.requireTwoFactor).map((o) => o.name);
}

// Arranging account-security state through the real procedures: two-factor authentication
// turned on the way a person does it, and codes an authenticator app would show.
import { totpCodeNow } from "@/server/auth/totp";
import { callerAs, ownerPool } from "./fixtures";

export interface EnrolledTwoFactor {
  secret: string;
  recoveryCodes: string[];
}

/** Turns two-factor authentication on for `user` (begin + confirm with the current code). */
export async function enableTwoFactor(user: { id: string; email: string }): Promise<EnrolledTwoFactor> {
  const api = callerAs(user);
  const { secret } = await api.twoFactor.beginEnrollment();
  const plain = secret.replaceAll(" ", "");
  const { recoveryCodes } = await api.twoFactor.confirmEnrollment({ code: await totpCodeNow(plain) });
  // The enrolment spent this step's code; let the next test's code for "now" be fresh again.
  await forgetUsedCodes(user.id);
  return { secret: plain, recoveryCodes };
}

/** Forgets which authenticator step was used last, so "the code for now" is accepted once more. */
export async function forgetUsedCodes(userId: string): Promise<void> {
  await ownerPool().query(`UPDATE users SET two_factor_last_step = NULL WHERE id = $1`, [userId]);
}

export const codeNow = (secret: string) => totpCodeNow(secret);

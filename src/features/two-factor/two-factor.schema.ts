import { z } from "zod";
import { secondFactorCodeSchema } from "@/features/auth/auth.schema";

/** The 6-digit code from the authenticator app, as typed (spaces allowed). */
export const totpCodeSchema = z
  .string()
  .transform((v) => v.replace(/[\s-]/g, ""))
  .pipe(z.string().regex(/^\d{6}$/, "Enter the 6-digit code from your authenticator app"));

export const confirmEnrollmentSchema = z.object({ code: totpCodeSchema });

/** A code from the app, or a recovery code. */
export const regenerateRecoveryCodesSchema = z.object({ code: secondFactorCodeSchema });

export const disableTwoFactorSchema = z.object({
  /** Required when the account has a password (checked by the service). */
  password: z.string().max(1024, "That password is too long").default(""),
  code: secondFactorCodeSchema,
});

import { z } from "zod";
import { emailSchema, passwordSchema } from "@/features/auth/auth.schema";

const currentPassword = z.string().min(1, "Enter your current password").max(1024, "That password is too long");

export const changePasswordSchema = z.object({
  currentPassword,
  newPassword: passwordSchema,
});

/** The form: the new password twice (only the form compares them). */
export const changePasswordFormSchema = changePasswordSchema
  .extend({ confirmPassword: z.string() })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "The passwords don't match" });

export const changeEmailSchema = z.object({
  newEmail: emailSchema,
  /** Required when the account has a password (checked by the service). */
  currentPassword: z.string().max(1024, "That password is too long").default(""),
});

export const securityEventsSchema = z.object({ limit: z.number().int().min(1).max(50).default(20) });

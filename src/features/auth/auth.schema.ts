import { z } from "zod";

// Shared by the sign-up form and the procedure. The common-password check runs on the server
// only (the list is 10,000 entries), and reaches the form as an error on `password`.
export const passwordSchema = z
  .string()
  .min(8, "Use at least 8 characters")
  .max(128, "Use at most 128 characters");

export const emailSchema = z
  .string()
  .trim()
  .min(1, "Enter your email")
  .max(320, "That email is too long")
  .pipe(z.email("Enter a valid email address"));

const personName = (label: string) => z.string().trim().min(1, `Enter your ${label}`).max(100, `Your ${label} is too long`);

export const organizationNameSchema = z
  .string()
  .trim()
  .min(2, "Use at least 2 characters")
  .max(200, "Use at most 200 characters")
  .regex(/[\p{L}\p{N}]/u, "Use at least one letter or digit");

export const signUpSchema = z.object({
  firstName: personName("first name"),
  lastName: z.string().trim().max(100, "Your last name is too long").default(""),
  email: emailSchema,
  password: passwordSchema,
  organizationName: organizationNameSchema,
});
export type SignUpInput = z.input<typeof signUpSchema>;

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "Enter your password").max(1024),
});

// ------------------------------------------------------------------ password reset and email links

export const forgotPasswordSchema = z.object({ email: emailSchema });

/** A token from an emailed link (base64url, 43 characters as issued). */
export const linkTokenSchema = z.object({ token: z.string().trim().min(20, "This link is incomplete").max(200, "This link is not valid") });

export const resetPasswordSchema = z.object({
  token: linkTokenSchema.shape.token,
  password: passwordSchema,
});

/** The reset form: the new password twice (only the form compares them). */
export const resetPasswordFormSchema = z
  .object({ password: passwordSchema, confirmPassword: z.string() })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "The passwords don't match" });

/** A code from an authenticator app (6 digits) or a recovery code, as typed. */
export const secondFactorCodeSchema = z
  .string()
  .trim()
  .min(6, "Enter the 6-digit code from your authenticator app")
  .max(64, "That code is too long");

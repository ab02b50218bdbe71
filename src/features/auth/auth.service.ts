import { z } from "zod";
import { AppError, uniqueViolationField } from "@/server/api/errors";
import { hashPassword, isCommonPassword } from "@/server/auth/password";
import { normalizeEmail } from "@/server/auth/sign-in";
import { type RequestMeta, createAccountWithOrganization } from "@/server/db/system";
import type { signUpSchema } from "./auth.schema";

export function assertAcceptablePassword(password: string): void {
  if (isCommonPassword(password)) {
    throw new AppError("BAD_REQUEST", "This password is too common; choose one that is harder to guess", "password");
  }
}

/** Self-serve sign-up: the user, their organization, and their Owner membership, atomically. */
export async function signUp(input: z.output<typeof signUpSchema>, meta: RequestMeta) {
  assertAcceptablePassword(input.password);
  try {
    return await createAccountWithOrganization(
      {
        email: normalizeEmail(input.email),
        passwordHash: await hashPassword(input.password),
        firstName: input.firstName,
        lastName: input.lastName,
        organizationName: input.organizationName,
      },
      meta,
    );
  } catch (error) {
    if ((error as { code?: string }).code === "P2002" && uniqueViolationField(error as object) === "email") {
      throw new AppError("CONFLICT", "An account with this email already exists. Sign in instead.", "email");
    }
    throw error;
  }
}

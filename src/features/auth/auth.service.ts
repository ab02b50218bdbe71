import { z } from "zod";
import { AppError, uniqueViolationField } from "@/server/api/errors";
import { accountEmails, deliver } from "@/server/auth/emails";
import { hashPassword, isCommonPassword } from "@/server/auth/password";
import { LINK_TTL_MS } from "@/server/auth/policy";
import { normalizeEmail } from "@/server/auth/sign-in";
import type { RequestMeta } from "@/server/request-meta";
import { createAccountWithOrganization } from "@/server/db/system/sign-up";
import { issueEmailVerification } from "@/server/db/system/account-links";
import type { signUpSchema } from "./auth.schema";

export function assertAcceptablePassword(password: string): void {
  if (isCommonPassword(password)) {
    throw new AppError("BAD_REQUEST", "This password is too common; choose one that is harder to guess", "password");
  }
}

/**
 * Self-serve sign-up: the user, their organization, and their Owner membership, atomically;
 * then a link to verify the email (the account works meanwhile, with a reminder). Test fixtures
 * pass `verifyEmail: false` to send nothing.
 */
export async function signUp(input: z.output<typeof signUpSchema>, meta: RequestMeta, options: { verifyEmail?: boolean } = {}) {
  assertAcceptablePassword(input.password);
  const created = await createAccount(input, meta);
  if (options.verifyEmail ?? true) {
    const issued = await issueEmailVerification(created.userId, LINK_TTL_MS.emailVerification, meta).catch((error) => {
      console.error("could not issue the verification link:", error instanceof Error ? error.message : error);
      return null;
    });
    if (issued) await deliver(issued.email, accountEmails.verifyEmail(issued));
  }
  return created;
}

async function createAccount(input: z.output<typeof signUpSchema>, meta: RequestMeta) {
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

// OAuth accounts: linking a provider identity to an account, or creating the account from it.
import "server-only";
import type { RequestMeta } from "@/server/request-meta";
import { systemDb } from "../client";
import { securityEvent } from "./shared";

const oauthUserFields = { id: true, email: true, emailVerified: true, status: true, deletedAt: true, twoFactorEnabled: true } as const;

export type OAuthCandidate = { id: string; email: string; emailVerified: Date | null; status: string; deletedAt: Date | null; twoFactorEnabled: boolean };

/** The account already linked to this provider identity, and the account with this email. */
export async function findOAuthCandidates(provider: string, providerAccountId: string, email: string | null): Promise<{ linked: OAuthCandidate | null; byEmail: OAuthCandidate | null }> {
  const [linked, byEmail] = await Promise.all([
    systemDb().oAuthAccount.findUnique({
      where: { provider_providerAccountId: { provider, providerAccountId } },
      select: { user: { select: oauthUserFields } },
    }),
    email ? systemDb().user.findUnique({ where: { email }, select: oauthUserFields }) : null,
  ]);
  return { linked: linked?.user ?? null, byEmail };
}

export interface OAuthIdentity {
  provider: string;
  providerAccountId: string;
  type: string;
}

export async function linkOAuthAccount(userId: string, identity: OAuthIdentity, meta: RequestMeta): Promise<void> {
  await systemDb().$transaction(async (tx) => {
    await tx.oAuthAccount.create({ data: { userId, ...identity } });
    await securityEvent(tx, userId, "oauth.linked", meta, { provider: identity.provider });
  });
}

/** A new account from a provider that verified the email: no password, email verified, no organization yet. */
export async function createOAuthUser(
  person: { email: string; firstName: string; lastName: string; avatarUrl: string | null },
  identity: OAuthIdentity,
  meta: RequestMeta,
): Promise<{ userId: string }> {
  return systemDb().$transaction(async (tx) => {
    const user = await tx.user.create({
      data: {
        email: person.email,
        emailVerified: new Date(),
        firstName: person.firstName,
        lastName: person.lastName,
        fullName: `${person.firstName} ${person.lastName}`.trim(),
        avatarUrl: person.avatarUrl,
      },
      select: { id: true },
    });
    await tx.oAuthAccount.create({ data: { userId: user.id, ...identity } });
    await securityEvent(tx, user.id, "account.created", meta, { method: `oauth:${identity.provider}` });
    return { userId: user.id };
  });
}

/** The providers a user signs in with, for their security page. */
export function listOAuthAccounts(userId: string) {
  return systemDb().oAuthAccount.findMany({ where: { userId }, select: { provider: true, createdAt: true }, orderBy: { createdAt: "asc" } });
}

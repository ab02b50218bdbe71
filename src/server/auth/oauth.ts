// Sign-in with Google, GitHub and Microsoft (Azure AD / Entra ID). A provider is offered only
// when its client id and secret are configured. A provider identity signs into the account
// it is linked to; an unlinked one is linked to (or creates) the account with its email only
// when the provider says it verified that email, and never to an account whose own email is
// unverified (someone could have signed up with an address they do not own, waiting for its
// owner to arrive). The sign-in opens a Parley session row like a password sign-in, and an
// account with two-factor authentication on still has to give its code.
import type { Provider } from "next-auth/providers/index";
import AzureADProvider from "next-auth/providers/azure-ad";
import GitHubProvider from "next-auth/providers/github";
import GoogleProvider from "next-auth/providers/google";
import { newToken, sha256Hex } from "@/lib/tokens";
import type { RequestMeta } from "@/server/request-meta";
import { createOAuthUser, findOAuthCandidates, linkOAuthAccount } from "@/server/db/system/oauth";
import { issueTwoFactorChallenge } from "@/server/db/system/two-factor";
import { startSession } from "@/server/db/system/sign-in";
import { LINK_TTL_MS, SESSION_MAX_AGE_SECONDS } from "./policy";

export type OAuthProviderId = "google" | "github" | "azure-ad";

type Env = Record<string, string | undefined>;

export const OAUTH_PROVIDERS: { id: OAuthProviderId; name: string; clientId: string; clientSecret: string }[] = [
  { id: "google", name: "Google", clientId: "GOOGLE_CLIENT_ID", clientSecret: "GOOGLE_CLIENT_SECRET" },
  { id: "github", name: "GitHub", clientId: "GITHUB_ID", clientSecret: "GITHUB_SECRET" },
  { id: "azure-ad", name: "Microsoft", clientId: "AZURE_AD_CLIENT_ID", clientSecret: "AZURE_AD_CLIENT_SECRET" },
];

/** The providers whose client id and secret are set: what the sign-in page offers. */
export function configuredOAuthProviders(env: Env = process.env): { id: OAuthProviderId; name: string }[] {
  return OAUTH_PROVIDERS.filter((p) => env[p.clientId]?.trim() && env[p.clientSecret]?.trim()).map(({ id, name }) => ({ id, name }));
}

const GENERIC_TENANTS = new Set(["common", "organizations", "consumers"]);

/** next-auth provider definitions for the configured providers. */
export function oauthProviders(env: Env = process.env): Provider[] {
  return configuredOAuthProviders(env).map(({ id }) => {
    const clientId = env[OAUTH_PROVIDERS.find((p) => p.id === id)!.clientId]!;
    const clientSecret = env[OAUTH_PROVIDERS.find((p) => p.id === id)!.clientSecret]!;
    switch (id) {
      case "google":
        return GoogleProvider({ clientId, clientSecret });
      case "github":
        return GitHubProvider({
          clientId,
          clientSecret,
          // GitHub's profile email may be unverified (or absent): ask for the account's
          // addresses and keep the primary one only if GitHub verified it.
          userinfo: {
            url: "https://api.github.com/user",
            async request({ client, tokens }) {
              const profile = (await client.userinfo(tokens.access_token!)) as Record<string, unknown>;
              const response = await fetch("https://api.github.com/user/emails", {
                headers: { Authorization: `token ${tokens.access_token}`, "User-Agent": "Parley", Accept: "application/vnd.github+json" },
              });
              const emails = response.ok ? ((await response.json()) as { email: string; primary: boolean; verified: boolean }[]) : [];
              const primary = emails.find((e) => e.primary && e.verified);
              return { ...profile, email: primary?.email ?? null, email_verified: !!primary } as never;
            },
          },
        });
      case "azure-ad":
        return AzureADProvider({
          clientId,
          clientSecret,
          tenantId: env.AZURE_AD_TENANT_ID?.trim() || "common",
          // The id token's claims (tid, xms_edov) decide whether its email can be trusted;
          // no profile photo fetch.
          idToken: true,
          profile: (profile: Record<string, string>) => ({ id: profile.sub!, name: profile.name ?? null, email: profile.email ?? null, image: null }),
        });
    }
  });
}

export interface OAuthPerson {
  email: string | null;
  /** The provider itself vouches for the email (see normalizeOAuthProfile). */
  emailVerified: boolean;
  firstName: string;
  lastName: string;
  avatarUrl: string | null;
}

const str = (value: unknown) => (typeof value === "string" && value.trim() ? value.trim() : null);

function splitName(full: string | null, fallback: string): { firstName: string; lastName: string } {
  const parts = (full ?? "").split(/\s+/).filter(Boolean);
  if (!parts.length) return { firstName: fallback.slice(0, 100), lastName: "" };
  return { firstName: parts[0]!.slice(0, 100), lastName: parts.slice(1).join(" ").slice(0, 100) };
}

const httpsUrl = (value: unknown) => {
  const url = str(value);
  return url && /^https:\/\//.test(url) && url.length <= 2048 ? url : null;
};

/**
 * What Parley needs from a provider's profile, and whether its email is one the provider
 * verified: Google's `email_verified`; GitHub's primary address when GitHub verified it (see the
 * userinfo request above); Microsoft's `xms_edov` claim (the email's domain is verified), or any
 * email when Parley is configured for one specific tenant and the token comes from it (that
 * tenant's administrators own its addresses). A multi-tenant Microsoft login without
 * `xms_edov` is not trusted: any tenant can put any email on its users.
 */
export function normalizeOAuthProfile(provider: string, profile: Record<string, unknown>, env: Env = process.env): OAuthPerson {
  const email = str(profile.email)?.toLowerCase() ?? null;
  const validEmail = email && email.length <= 320 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? email : null;
  let emailVerified = false;
  let names: { firstName: string; lastName: string };
  let avatarUrl: string | null = null;
  const fallbackName = validEmail?.split("@")[0] ?? "Parley user";
  switch (provider) {
    case "google":
      emailVerified = profile.email_verified === true || profile.email_verified === "true";
      names = str(profile.given_name)
        ? { firstName: str(profile.given_name)!.slice(0, 100), lastName: (str(profile.family_name) ?? "").slice(0, 100) }
        : splitName(str(profile.name), fallbackName);
      avatarUrl = httpsUrl(profile.picture);
      break;
    case "github":
      emailVerified = profile.email_verified === true;
      names = splitName(str(profile.name) ?? str(profile.login), fallbackName);
      avatarUrl = httpsUrl(profile.avatar_url);
      break;
    case "azure-ad": {
      const tenant = env.AZURE_AD_TENANT_ID?.trim().toLowerCase();
      const ownTenant = !!tenant && !GENERIC_TENANTS.has(tenant) && str(profile.tid)?.toLowerCase() === tenant;
      emailVerified = profile.xms_edov === true || profile.xms_edov === "1" || profile.xms_edov === "true" || ownTenant;
      names = str(profile.given_name)
        ? { firstName: str(profile.given_name)!.slice(0, 100), lastName: (str(profile.family_name) ?? "").slice(0, 100) }
        : splitName(str(profile.name), fallbackName);
      break;
    }
    default:
      names = splitName(str(profile.name), fallbackName);
  }
  return { email: validEmail, emailVerified: emailVerified && !!validEmail, ...names, avatarUrl };
}

export type OAuthRefusal = "OAuthEmailUnverified" | "OAuthAccountUnverified" | "AccountDisabled";

export type OAuthOutcome =
  | { kind: "signed-in"; userId: string; sessionId: string; sessionToken: string; created: boolean; linked: boolean }
  | { kind: "two-factor"; userId: string; challenge: string }
  | { kind: "refused"; reason: OAuthRefusal };

/** Decides what a provider sign-in becomes: a session, a two-factor challenge, or a refusal. */
export async function signInWithOAuth(
  identity: { provider: string; providerAccountId: string; type: string },
  person: OAuthPerson,
  meta: RequestMeta,
): Promise<OAuthOutcome> {
  const { linked, byEmail } = await findOAuthCandidates(identity.provider, identity.providerAccountId, person.email);
  let user = linked;
  let newlyLinked = false;
  if (!user) {
    if (!person.email || !person.emailVerified) return { kind: "refused", reason: "OAuthEmailUnverified" };
    if (byEmail) {
      if (byEmail.deletedAt || byEmail.status !== "active") return { kind: "refused", reason: "AccountDisabled" };
      if (!byEmail.emailVerified) return { kind: "refused", reason: "OAuthAccountUnverified" };
      await linkOAuthAccount(byEmail.id, identity, meta);
      user = byEmail;
      newlyLinked = true;
    } else {
      const { userId } = await createOAuthUser({ ...person, email: person.email }, identity, meta);
      return { kind: "signed-in", ...(await open(userId, identity.provider, meta)), created: true, linked: true };
    }
  }
  if (user.deletedAt || user.status !== "active") return { kind: "refused", reason: "AccountDisabled" };
  if (user.twoFactorEnabled) {
    const challenge = await issueTwoFactorChallenge(user.id, identity.provider, LINK_TTL_MS.twoFactorChallenge);
    return { kind: "two-factor", userId: user.id, challenge };
  }
  return { kind: "signed-in", ...(await open(user.id, identity.provider, meta)), created: false, linked: newlyLinked };
}

async function open(userId: string, provider: string, meta: RequestMeta) {
  const sessionToken = newToken();
  const { sessionId } = await startSession(
    userId,
    { tokenHash: sha256Hex(sessionToken), expiresAt: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000) },
    meta,
    `oauth:${provider}`,
  );
  return { userId, sessionId, sessionToken };
}

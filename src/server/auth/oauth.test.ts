import { describe, expect, it } from "vitest";
import { sha256Hex } from "@/lib/tokens";
import { loadActiveSession } from "@/server/db/system/sessions";
import { codeNow, enableTwoFactor } from "../../../test/helpers/account-security";
import { createOrgWithOwner, ownerPool, uniqueEmail } from "../../../test/helpers/fixtures";
import { withTestSmtp } from "../../../test/helpers/smtp-env";
import { configuredOAuthProviders, normalizeOAuthProfile, oauthProviders, signInWithOAuth } from "./oauth";
import { SignInError, authenticateChallenge } from "./sign-in";

const meta = { ip: "192.0.2.50", userAgent: "vitest" };
withTestSmtp();

const googleIdentity = () => ({ provider: "google", providerAccountId: `g-${Math.random().toString(36).slice(2)}`, type: "oauth" });
const person = (email: string | null, emailVerified = true) => ({ email, emailVerified, firstName: "Gina", lastName: "Google", avatarUrl: null });

async function sessionIsLive(outcome: Awaited<ReturnType<typeof signInWithOAuth>>) {
  if (outcome.kind !== "signed-in") return false;
  return !!(await loadActiveSession(outcome.sessionId, sha256Hex(outcome.sessionToken)));
}

describe("which providers are offered", () => {
  it("offers a provider only when both its client id and secret are set", () => {
    expect(configuredOAuthProviders({})).toEqual([]);
    expect(configuredOAuthProviders({ GOOGLE_CLIENT_ID: "id" })).toEqual([]);
    expect(configuredOAuthProviders({ GOOGLE_CLIENT_ID: "id", GOOGLE_CLIENT_SECRET: "  " })).toEqual([]);
    expect(configuredOAuthProviders({ GOOGLE_CLIENT_ID: "id", GOOGLE_CLIENT_SECRET: "secret", GITHUB_ID: "gh" })).toEqual([{ id: "google", name: "Google" }]);
    const all = { GOOGLE_CLIENT_ID: "a", GOOGLE_CLIENT_SECRET: "b", GITHUB_ID: "c", GITHUB_SECRET: "d", AZURE_AD_CLIENT_ID: "e", AZURE_AD_CLIENT_SECRET: "f", AZURE_AD_TENANT_ID: "t" };
    expect(configuredOAuthProviders(all).map((p) => p.id)).toEqual(["google", "github", "azure-ad"]);
    expect(oauthProviders(all).map((p) => p.id)).toEqual(["google", "github", "azure-ad"]);
    expect(oauthProviders({})).toEqual([]);
  });
});

describe("reading provider profiles", () => {
  it("trusts Google's email only when Google verified it", () => {
    const verified = normalizeOAuthProfile("google", { sub: "1", email: "Ada@Example.com", email_verified: true, given_name: "Ada", family_name: "Lovelace", picture: "https://lh3.example/a.png" });
    expect(verified).toEqual({ email: "ada@example.com", emailVerified: true, firstName: "Ada", lastName: "Lovelace", avatarUrl: "https://lh3.example/a.png" });
    expect(normalizeOAuthProfile("google", { email: "ada@example.com", email_verified: false }).emailVerified).toBe(false);
    expect(normalizeOAuthProfile("google", { email: "ada@example.com" }).emailVerified).toBe(false);
  });

  it("trusts GitHub's primary address only when GitHub verified it, and names people by login when they have no name", () => {
    const gh = normalizeOAuthProfile("github", { id: 42, login: "octocat", email: "octo@example.com", email_verified: true, avatar_url: "http://insecure.example/a.png" });
    expect(gh).toMatchObject({ email: "octo@example.com", emailVerified: true, firstName: "octocat", lastName: "", avatarUrl: null });
    expect(normalizeOAuthProfile("github", { id: 42, login: "octocat", email: "octo@example.com" }).emailVerified).toBe(false);
  });

  it("trusts a Microsoft email only with xms_edov, or from the one tenant Parley is configured for", () => {
    const claims = { sub: "s", tid: "11111111-2222-3333-4444-555555555555", email: "max@contoso.com", name: "Max Mustermann" };
    expect(normalizeOAuthProfile("azure-ad", claims, { AZURE_AD_TENANT_ID: "common" }).emailVerified).toBe(false);
    expect(normalizeOAuthProfile("azure-ad", { ...claims, xms_edov: true }, { AZURE_AD_TENANT_ID: "common" }).emailVerified).toBe(true);
    expect(normalizeOAuthProfile("azure-ad", claims, { AZURE_AD_TENANT_ID: claims.tid.toUpperCase() })).toMatchObject({ emailVerified: true, firstName: "Max", lastName: "Mustermann" });
    expect(normalizeOAuthProfile("azure-ad", { ...claims, tid: "another-tenant" }, { AZURE_AD_TENANT_ID: claims.tid }).emailVerified).toBe(false);
  });

  it("never calls a malformed or missing email verified", () => {
    expect(normalizeOAuthProfile("google", { email: "not an email", email_verified: true })).toMatchObject({ email: null, emailVerified: false });
    expect(normalizeOAuthProfile("google", { email_verified: true })).toMatchObject({ email: null, emailVerified: false, firstName: "Parley user" });
  });
});

describe("signing in with a provider", () => {
  it("creates a verified account without a password for a new verified email, with a session row", async () => {
    const email = uniqueEmail("oauth-new");
    const identity = googleIdentity();
    const outcome = await signInWithOAuth(identity, person(email), meta);
    expect(outcome).toMatchObject({ kind: "signed-in", created: true });
    expect(await sessionIsLive(outcome)).toBe(true);
    const user = (await ownerPool().query(`SELECT id, email_verified, password_hash, first_name FROM users WHERE email = $1`, [email])).rows[0];
    expect(user.email_verified).not.toBeNull();
    expect(user.password_hash).toBeNull();
    expect(user.first_name).toBe("Gina");
    const linked = (await ownerPool().query(`SELECT provider, provider_account_id, access_token FROM oauth_accounts WHERE user_id = $1`, [user.id])).rows;
    expect(linked).toEqual([{ provider: "google", provider_account_id: identity.providerAccountId, access_token: null }]);
    const events = (await ownerPool().query(`SELECT event, details FROM security_events WHERE user_id = $1 ORDER BY created_at, id`, [user.id])).rows;
    expect(events.map((e) => e.event)).toEqual(["account.created", "sign_in.succeeded"]);
    expect(events[1].details.method).toBe("oauth:google");

    // The same provider identity comes back to the same account, even under another email.
    const again = await signInWithOAuth(identity, person(uniqueEmail("renamed"), false), meta);
    expect(again).toMatchObject({ kind: "signed-in", userId: user.id, created: false, linked: false });
  });

  it("links to an existing account with a verified email", async () => {
    const org = await createOrgWithOwner("oauth-link");
    await ownerPool().query(`UPDATE users SET email_verified = now() WHERE id = $1`, [org.owner.id]);
    const outcome = await signInWithOAuth(googleIdentity(), person(org.owner.email), meta);
    expect(outcome).toMatchObject({ kind: "signed-in", userId: org.owner.id, created: false, linked: true });
    expect(await sessionIsLive(outcome)).toBe(true);
    const events = (await ownerPool().query(`SELECT event FROM security_events WHERE user_id = $1`, [org.owner.id])).rows.map((r) => r.event);
    expect(events).toContain("oauth.linked");
  });

  it("refuses an email the provider did not verify, and never links to an account whose email is unverified", async () => {
    expect(await signInWithOAuth(googleIdentity(), person(uniqueEmail("unverified"), false), meta)).toEqual({ kind: "refused", reason: "OAuthEmailUnverified" });
    expect(await signInWithOAuth(googleIdentity(), person(null), meta)).toEqual({ kind: "refused", reason: "OAuthEmailUnverified" });
    // Someone signed up with this address but never proved it: its owner arriving through Google must not inherit that account.
    const org = await createOrgWithOwner("oauth-squat");
    expect(await signInWithOAuth(googleIdentity(), person(org.owner.email), meta)).toEqual({ kind: "refused", reason: "OAuthAccountUnverified" });
    const { rows } = await ownerPool().query(`SELECT count(*)::int AS n FROM oauth_accounts WHERE user_id = $1`, [org.owner.id]);
    expect(rows[0].n).toBe(0);
  });

  it("refuses a deactivated account", async () => {
    const org = await createOrgWithOwner("oauth-inactive");
    await ownerPool().query(`UPDATE users SET email_verified = now(), status = 'inactive' WHERE id = $1`, [org.owner.id]);
    expect(await signInWithOAuth(googleIdentity(), person(org.owner.email), meta)).toEqual({ kind: "refused", reason: "AccountDisabled" });
  });

  it("asks an account with two-factor authentication for its code, through a single-use challenge", async () => {
    const org = await createOrgWithOwner("oauth-2fa");
    await ownerPool().query(`UPDATE users SET email_verified = now() WHERE id = $1`, [org.owner.id]);
    const { secret } = await enableTwoFactor(org.owner);
    const outcome = await signInWithOAuth(googleIdentity(), person(org.owner.email), meta);
    expect(outcome.kind).toBe("two-factor");
    if (outcome.kind !== "two-factor") return;
    const { rows } = await ownerPool().query(`SELECT count(*)::int AS n FROM sessions WHERE user_id = $1`, [org.owner.id]);
    expect(rows[0].n).toBe(0);

    const reason = (p: Promise<unknown>) => p.then(() => "signed-in", (e: unknown) => (e instanceof SignInError ? e.reason : Promise.reject(e)));
    expect(await reason(authenticateChallenge(outcome.challenge, "", meta))).toBe("TwoFactorRequired");
    expect(await reason(authenticateChallenge(outcome.challenge, "000000" === (await codeNow(secret)) ? "111111" : "000000", meta))).toBe("TwoFactorInvalid");
    expect(await reason(authenticateChallenge("made-up-challenge-value", await codeNow(secret), meta))).toBe("TwoFactorExpired");
    const signedIn = await authenticateChallenge(outcome.challenge, await codeNow(secret), meta);
    expect(await loadActiveSession(signedIn.sessionId, sha256Hex(signedIn.sessionToken))).not.toBeNull();
    // Used once: the same challenge cannot open a second session.
    expect(await reason(authenticateChallenge(outcome.challenge, await codeNow(secret), meta))).toBe("TwoFactorExpired");
    const events = (await ownerPool().query(`SELECT details FROM security_events WHERE user_id = $1 AND event = 'sign_in.succeeded'`, [org.owner.id])).rows;
    expect(events.map((e) => e.details.method)).toEqual(["oauth:google+totp"]);
  });
});

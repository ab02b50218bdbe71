import { beforeEach, describe, expect, it } from "vitest";
import { randomInt } from "node:crypto";
import { sha256Hex } from "@/lib/tokens";
import { createCaller } from "@/server/api/root";
import { ACCOUNT_LIMITS } from "@/server/auth/policy";
import { authenticate } from "@/server/auth/sign-in";
import { loadActiveSession } from "@/server/db/system/sessions";
import { sendResetLinkLater } from "./password-reset.service";
import { TEST_PASSWORD, createOrgWithOwner, ownerPool, uniqueEmail } from "../../../test/helpers/fixtures";
import { linkIn } from "../../../test/helpers/smtp";
import { withTestSmtp } from "../../../test/helpers/smtp-env";

const smtp = withTestSmtp();
// Each test asks from its own address, so the per-IP limit is exercised only where meant.
const randomIp = () => `198.18.${randomInt(256)}.${randomInt(256)}`;
let ip = randomIp();
beforeEach(() => { ip = randomIp(); });
const anon = (from = ip) => createCaller({ session: null, meta: { ip: from, userAgent: "vitest" }, orgSlug: null });
const NEW_PASSWORD = "a-brand-new-passphrase-19";
const meta = { ip: "203.0.113.7", userAgent: "vitest" };

const tokenFrom = (link: string) => new URL(link).searchParams.get("token")!;

async function resetLinkFor(email: string): Promise<string> {
  await anon().auth.requestPasswordReset({ email });
  const mail = await smtp.current.waitFor(email, /Reset your Parley password/);
  return linkIn(mail, "/reset-password");
}

describe("forgot password", () => {
  it("emails a single-use link valid for an hour, and answers an unknown email exactly the same", async () => {
    const org = await createOrgWithOwner("reset-ask");
    const known = await anon().auth.requestPasswordReset({ email: `  ${org.owner.email.toUpperCase()} ` });
    const unknownEmail = uniqueEmail("nobody");
    const unknown = await anon().auth.requestPasswordReset({ email: unknownEmail });
    expect(unknown).toEqual(known);

    const mail = await smtp.current.waitFor(org.owner.email, /Reset your Parley password/);
    expect(mail.text).toContain("1 hour");
    const token = tokenFrom(linkIn(mail, "/reset-password"));
    const stored = (await ownerPool().query(`SELECT token_hash, expires_at, purpose FROM verification_tokens WHERE user_id = $1 AND purpose = 'password_reset'`, [org.owner.id])).rows;
    expect(stored).toHaveLength(1);
    expect(stored[0].token_hash).toBe(sha256Hex(token));
    const minutes = (stored[0].expires_at.getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(59);
    expect(minutes).toBeLessThanOrEqual(60);

    // The answer comes before any mail goes (so its timing tells nothing); the work behind it, awaited here, sends none.
    await sendResetLinkLater(unknownEmail, { ip: null, userAgent: null });
    expect(smtp.current.received.some((m) => m.to.includes(unknownEmail))).toBe(false);
  });

  it("limits requests per address, the same for addresses without an account", async () => {
    for (const email of [(await createOrgWithOwner("reset-limit")).owner.email, uniqueEmail("ghost")]) {
      for (let i = 0; i < 3; i++) await anon().auth.requestPasswordReset({ email });
      await expect(anon().auth.requestPasswordReset({ email })).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS", message: expect.stringMatching(/Try again in \d+ minutes?/) });
    }
  });

  it("limits requests per client IP across addresses", async () => {
    const { limit } = ACCOUNT_LIMITS.passwordResetPerIp;
    for (let i = 0; i < limit; i++) await anon().auth.requestPasswordReset({ email: uniqueEmail("spray") });
    await expect(anon().auth.requestPasswordReset({ email: uniqueEmail("spray") })).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
    await expect(anon(randomIp()).auth.requestPasswordReset({ email: uniqueEmail("spray") })).resolves.toEqual({ sent: true });
  });

  it("sets the new password, ends every session, clears a lockout, and says so by email", async () => {
    const org = await createOrgWithOwner("reset-do");
    const before = [await authenticate(org.owner.email, TEST_PASSWORD, meta), await authenticate(org.owner.email, TEST_PASSWORD, meta)];
    await ownerPool().query(`UPDATE users SET locked_until = now() + interval '10 minutes', failed_login_attempts = 3 WHERE id = $1`, [org.owner.id]);
    const token = tokenFrom(await resetLinkFor(org.owner.email));

    expect(await anon().auth.checkResetLink({ token })).toEqual({ valid: true });
    const result = await anon().auth.resetPassword({ token, password: NEW_PASSWORD });
    expect(result).toEqual({ email: org.owner.email, sessionsEnded: 2 });
    for (const s of before) expect(await loadActiveSession(s.sessionId, sha256Hex(s.sessionToken))).toBeNull();

    const user = (await ownerPool().query(`SELECT locked_until, failed_login_attempts, email_verified FROM users WHERE id = $1`, [org.owner.id])).rows[0];
    expect(user).toMatchObject({ locked_until: null, failed_login_attempts: 0 });
    expect(user.email_verified).not.toBeNull(); // the link reached the address
    await expect(authenticate(org.owner.email, TEST_PASSWORD, meta)).rejects.toMatchObject({ reason: "CredentialsSignin" });
    expect((await authenticate(org.owner.email, NEW_PASSWORD, meta)).userId).toBe(org.owner.id);

    const notice = await smtp.current.waitFor(org.owner.email, /password was changed/);
    expect(notice.text).toContain("reset with an emailed link");
    expect(notice.text).toContain("signed you out everywhere else (2 sessions)");
    const events = (await ownerPool().query(`SELECT event FROM security_events WHERE user_id = $1`, [org.owner.id])).rows.map((r) => r.event);
    expect(events).toEqual(expect.arrayContaining(["password.reset_requested", "password.reset"]));

    // Single use.
    expect(await anon().auth.checkResetLink({ token })).toEqual({ valid: false });
    await expect(anon().auth.resetPassword({ token, password: "yet-another-passphrase-3" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("expired or was already used") });
  });

  it("refuses an expired link, a made-up link, a common password and malformed input, without a 500", async () => {
    const org = await createOrgWithOwner("reset-bad");
    const token = tokenFrom(await resetLinkFor(org.owner.email));
    await expect(anon().auth.resetPassword({ token, password: "password1" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("too common") });
    await expect(anon().auth.resetPassword({ token, password: "short" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await ownerPool().query(`UPDATE verification_tokens SET expires_at = now() - interval '1 second' WHERE token_hash = $1`, [sha256Hex(token)]);
    expect(await anon().auth.checkResetLink({ token })).toEqual({ valid: false });
    await expect(anon().auth.resetPassword({ token, password: NEW_PASSWORD })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(anon().auth.resetPassword({ token: "x".repeat(43), password: NEW_PASSWORD })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(anon().auth.resetPassword({ token: "", password: NEW_PASSWORD })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(anon().auth.requestPasswordReset({ email: "not-an-email" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(anon().auth.checkResetLink({ token: "y".repeat(500) })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("a newer link replaces an older one", async () => {
    const org = await createOrgWithOwner("reset-twice");
    const first = tokenFrom(await resetLinkFor(org.owner.email));
    smtp.current.received.length = 0;
    const second = tokenFrom(await resetLinkFor(org.owner.email));
    expect(second).not.toBe(first);
    expect(await anon().auth.checkResetLink({ token: first })).toEqual({ valid: false });
    expect(await anon().auth.checkResetLink({ token: second })).toEqual({ valid: true });
  });
});

import { describe, expect, it } from "vitest";
import { sha256Hex } from "@/lib/tokens";
import { authenticate } from "@/server/auth/sign-in";
import { loadActiveSession } from "@/server/db/system/sessions";
import { TEST_PASSWORD, callerAs, createOrgWithOwner, ownerPool, uniqueEmail } from "../../../test/helpers/fixtures";
import { linkIn } from "../../../test/helpers/smtp";
import { withTestSmtp } from "../../../test/helpers/smtp-env";

const smtp = withTestSmtp();
const meta = { ip: "192.0.2.80", userAgent: "vitest" };
const tokenFrom = (link: string) => new URL(link).searchParams.get("token")!;
const events = async (userId: string) => (await ownerPool().query(`SELECT event FROM security_events WHERE user_id = $1 ORDER BY created_at, id`, [userId])).rows.map((r) => r.event as string);

async function signUpThroughApi(label: string) {
  const email = uniqueEmail(label);
  const { userId } = await callerAs(null).auth.signUp({ firstName: "Vera", lastName: "Fied", email, password: TEST_PASSWORD, organizationName: `${label} Ltd` });
  return { id: userId, email };
}

describe("email verification", () => {
  it("sign-up sends a link; the account works meanwhile; the link verifies the address once", async () => {
    const user = await signUpThroughApi("verify");
    expect(await callerAs(user).account.emailStatus()).toEqual({ email: user.email, verified: false });
    const mail = await smtp.current.waitFor(user.email, /Verify your email/);
    const link = linkIn(mail, "/verify-email");

    expect(await callerAs(null).auth.confirmEmail({ token: tokenFrom(link) })).toEqual({ status: "verified", email: user.email });
    expect(await callerAs(user).account.emailStatus()).toEqual({ email: user.email, verified: true });
    // Opening it again (a refresh, a second click) says so instead of failing.
    expect(await callerAs(null).auth.confirmEmail({ token: tokenFrom(link) })).toEqual({ status: "already-verified", email: user.email });
    expect(await callerAs(null).auth.confirmEmail({ token: "z".repeat(43) })).toEqual({ status: "invalid", email: null });
    expect(await events(user.id)).toEqual(["account.created", "email.verification_sent", "email.verified"]);
    // Once verified, a resend sends nothing.
    expect(await callerAs(user).account.resendVerification()).toEqual({ sent: false, alreadyVerified: true });
  });

  it("resends a fresh link (the old one stops working), a few times an hour at most, and expired links say so", async () => {
    const user = await signUpThroughApi("resend");
    const first = tokenFrom(linkIn(await smtp.current.waitFor(user.email, /Verify your email/), "/verify-email"));
    smtp.current.received.length = 0;
    expect(await callerAs(user).account.resendVerification()).toEqual({ sent: true, alreadyVerified: false });
    await smtp.current.waitFor(user.email, /Verify your email/);
    expect(await callerAs(null).auth.confirmEmail({ token: first })).toEqual({ status: "invalid", email: null });

    for (let i = 0; i < 4; i++) await callerAs(user).account.resendVerification();
    await expect(callerAs(user).account.resendVerification()).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });

    const latest = (await ownerPool().query(`SELECT id FROM verification_tokens WHERE user_id = $1 AND purpose = 'email_verification' AND consumed_at IS NULL`, [user.id])).rows;
    expect(latest).toHaveLength(1);
    await ownerPool().query(`UPDATE verification_tokens SET expires_at = now() - interval '1 minute' WHERE user_id = $1`, [user.id]);
    const newest = smtp.current.received.filter((m) => m.to.includes(user.email)).at(-1)!;
    expect(await callerAs(null).auth.confirmEmail({ token: tokenFrom(linkIn(newest, "/verify-email")) })).toEqual({ status: "expired", email: null });
  });
});

describe("changing the email address", () => {
  it("needs the password, mails the new address, changes only when that link is used, and tells the old address", async () => {
    const org = await createOrgWithOwner("change-email");
    const newEmail = uniqueEmail("moved");
    const api = callerAs(org.owner);
    await expect(api.account.requestEmailChange({ newEmail, currentPassword: "not-my-password" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: "That isn't your current password" });
    // A reset link mailed to the old address must not outlive the change.
    await callerAs(null).auth.requestPasswordReset({ email: org.owner.email });
    const resetToken = tokenFrom(linkIn(await smtp.current.waitFor(org.owner.email, /Reset your/), "/reset-password"));

    expect(await api.account.requestEmailChange({ newEmail: newEmail.toUpperCase(), currentPassword: TEST_PASSWORD })).toEqual({ pendingEmail: newEmail });
    expect((await api.account.security()).pendingEmail?.email).toBe(newEmail);
    expect((await ownerPool().query(`SELECT email FROM users WHERE id = $1`, [org.owner.id])).rows[0].email).toBe(org.owner.email);

    const mail = await smtp.current.waitFor(newEmail, /Confirm your new email/);
    expect(await callerAs(null).auth.confirmEmail({ token: tokenFrom(linkIn(mail, "/verify-email")) })).toEqual({ status: "changed", email: newEmail });
    const user = (await ownerPool().query(`SELECT email, email_verified FROM users WHERE id = $1`, [org.owner.id])).rows[0];
    expect(user.email).toBe(newEmail);
    expect(user.email_verified).not.toBeNull();

    const notice = await smtp.current.waitFor(org.owner.email, /email address was changed/);
    expect(notice.text).toContain(`to ${newEmail}`);
    expect(await callerAs(null).auth.checkResetLink({ token: resetToken })).toEqual({ valid: false });
    expect((await authenticate(newEmail, TEST_PASSWORD, meta)).userId).toBe(org.owner.id);
    expect(await events(org.owner.id)).toEqual(expect.arrayContaining(["email.change_requested", "email.changed"]));
  });

  it("refuses its own address and another account's, and can be cancelled", async () => {
    const org = await createOrgWithOwner("change-bad");
    const other = await createOrgWithOwner("change-other");
    const api = callerAs(org.owner);
    await expect(api.account.requestEmailChange({ newEmail: org.owner.email, currentPassword: TEST_PASSWORD })).rejects.toMatchObject({ code: "BAD_REQUEST", message: "That's already your email address" });
    const taken = await api.account.requestEmailChange({ newEmail: other.owner.email, currentPassword: TEST_PASSWORD }).catch((e) => e);
    expect(taken).toMatchObject({ code: "CONFLICT" });
    expect(taken.cause.field).toBe("newEmail");
    await expect(api.account.requestEmailChange({ newEmail: "nope", currentPassword: TEST_PASSWORD })).rejects.toMatchObject({ code: "BAD_REQUEST" });

    await api.account.requestEmailChange({ newEmail: uniqueEmail("later"), currentPassword: TEST_PASSWORD });
    expect(await api.account.cancelEmailChange()).toEqual({ cancelled: 1 });
    expect((await api.account.security()).pendingEmail).toBeNull();
  });

  it("says the address is taken if someone claimed it before the link was used", async () => {
    const org = await createOrgWithOwner("change-race");
    const newEmail = uniqueEmail("contested");
    await callerAs(org.owner).account.requestEmailChange({ newEmail, currentPassword: TEST_PASSWORD });
    const token = tokenFrom(linkIn(await smtp.current.waitFor(newEmail, /Confirm your new email/), "/verify-email"));
    await callerAs(null).auth.signUp({ firstName: "Quick", email: newEmail, password: TEST_PASSWORD, organizationName: "Quick Org" });
    expect(await callerAs(null).auth.confirmEmail({ token })).toEqual({ status: "taken", email: newEmail });
    expect((await ownerPool().query(`SELECT email FROM users WHERE id = $1`, [org.owner.id])).rows[0].email).toBe(org.owner.email);
  });
});

describe("changing the password", () => {
  it("needs the current password, signs out every other session and keeps this one", async () => {
    const org = await createOrgWithOwner("change-pw");
    const here = await authenticate(org.owner.email, TEST_PASSWORD, meta);
    const elsewhere = await authenticate(org.owner.email, TEST_PASSWORD, { ...meta, ip: "192.0.2.81" });
    const api = callerAs(org.owner, null, here.sessionId);

    const wrong = await api.account.changePassword({ currentPassword: "wrong-password", newPassword: "fresh-passphrase-2026" }).catch((e) => e);
    expect(wrong).toMatchObject({ code: "BAD_REQUEST" });
    expect(wrong.cause.field).toBe("currentPassword");
    await expect(api.account.changePassword({ currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD })).rejects.toMatchObject({ message: "Choose a password different from your current one" });
    await expect(api.account.changePassword({ currentPassword: TEST_PASSWORD, newPassword: "iloveyou1" })).rejects.toMatchObject({ message: expect.stringContaining("too common") });

    expect(await api.account.changePassword({ currentPassword: TEST_PASSWORD, newPassword: "fresh-passphrase-2026" })).toEqual({ sessionsEnded: 1 });
    expect(await loadActiveSession(here.sessionId, sha256Hex(here.sessionToken))).not.toBeNull();
    expect(await loadActiveSession(elsewhere.sessionId, sha256Hex(elsewhere.sessionToken))).toBeNull();
    expect((await authenticate(org.owner.email, "fresh-passphrase-2026", meta)).userId).toBe(org.owner.id);
    const notice = await smtp.current.waitFor(org.owner.email, /password was changed/);
    expect(notice.text).toContain("changed from your account settings");
    expect(await events(org.owner.id)).toContain("password.changed");
  });

  it("of two changes made at once with the same current password, exactly one goes through", async () => {
    const org = await createOrgWithOwner("change-pw-race");
    const api = callerAs(org.owner);
    const outcomes = await Promise.allSettled(["first-passphrase-2026", "second-passphrase-2026"].map((newPassword) => api.account.changePassword({ currentPassword: TEST_PASSWORD, newPassword })));
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const winner = outcomes[0]!.status === "fulfilled" ? "first-passphrase-2026" : "second-passphrase-2026";
    expect((await authenticate(org.owner.email, winner, meta)).userId).toBe(org.owner.id);
  });

  it("stops guessing the current password after five wrong tries", async () => {
    const org = await createOrgWithOwner("change-pw-guess");
    const api = callerAs(org.owner);
    for (let i = 0; i < 4; i++) await expect(api.account.changePassword({ currentPassword: `guess-${i}-xx`, newPassword: "fresh-passphrase-2026" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(api.account.changePassword({ currentPassword: "guess-5-xx", newPassword: "fresh-passphrase-2026" })).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
    await expect(api.account.changePassword({ currentPassword: TEST_PASSWORD, newPassword: "fresh-passphrase-2026" })).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
  });

  it("offers accounts without a password a link to set one instead", async () => {
    const org = await createOrgWithOwner("no-pw");
    await ownerPool().query(`UPDATE users SET password_hash = NULL WHERE id = $1`, [org.owner.id]);
    const api = callerAs(org.owner);
    expect((await api.account.security()).hasPassword).toBe(false);
    await expect(api.account.changePassword({ currentPassword: "anything", newPassword: "fresh-passphrase-2026" })).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
    expect(await api.account.sendPasswordSetupLink()).toEqual({ sentTo: org.owner.email });
    await smtp.current.waitFor(org.owner.email, /Reset your Parley password/);
  });

  it("lists the person's own security events, newest first, and needs a session", async () => {
    const org = await createOrgWithOwner("events");
    await authenticate(org.owner.email, TEST_PASSWORD, meta);
    const list = await callerAs(org.owner).account.securityEvents({ limit: 5 });
    expect(list[0]?.event).toBe("sign_in.succeeded");
    await expect(callerAs(null).account.securityEvents({ limit: 5 })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(callerAs(org.owner).account.securityEvents({ limit: 500 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

import { describe, expect, it } from "vitest";
import { sha256Hex } from "@/lib/tokens";
import { loadActiveSession } from "@/server/db/system/sessions";
import { codeNow, enableTwoFactor, forgetUsedCodes } from "../../../test/helpers/account-security";
import { TEST_PASSWORD, createOrgWithOwner, ownerPool } from "../../../test/helpers/fixtures";
import { withTestSmtp } from "../../../test/helpers/smtp-env";
import { SIGN_IN_BACKOFF } from "./policy";
import { SignInError, authenticate } from "./sign-in";

const meta = { ip: "198.51.100.20", userAgent: "vitest" };

const smtp = withTestSmtp();

async function reasonOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "signed-in";
  } catch (error) {
    if (error instanceof SignInError) return error.reason;
    throw error;
  }
}

const eventsOf = async (userId: string) =>
  (await ownerPool().query<{ event: string; details: Record<string, unknown> }>(`SELECT event, details FROM security_events WHERE user_id = $1 ORDER BY created_at, id`, [userId])).rows;

describe("sign-in with two-factor authentication", () => {
  it("asks for the code only after the right password, and a wrong password with a code is just a wrong password", async () => {
    const org = await createOrgWithOwner("tfa-ask");
    const { secret } = await enableTwoFactor(org.owner);
    expect(await reasonOf(authenticate(org.owner.email, "wrong-password-1", meta))).toBe("CredentialsSignin");
    expect(await reasonOf(authenticate(org.owner.email, "wrong-password-2", meta, await codeNow(secret)))).toBe("CredentialsSignin");
    expect(await reasonOf(authenticate(org.owner.email, TEST_PASSWORD, meta))).toBe("TwoFactorRequired");
    expect(await reasonOf(authenticate(org.owner.email, TEST_PASSWORD, meta, "   "))).toBe("TwoFactorRequired");
    // No session was opened by any of these.
    const { rows } = await ownerPool().query(`SELECT count(*)::int AS n FROM sessions WHERE user_id = $1`, [org.owner.id]);
    expect(rows[0].n).toBe(0);
  });

  it("signs in with password + code, opens a live session, and never accepts the same code twice", async () => {
    const org = await createOrgWithOwner("tfa-ok");
    const { secret } = await enableTwoFactor(org.owner);
    const code = await codeNow(secret);
    const signedIn = await authenticate(org.owner.email, TEST_PASSWORD, meta, code);
    expect((await loadActiveSession(signedIn.sessionId, sha256Hex(signedIn.sessionToken)))?.user.id).toBe(org.owner.id);
    expect(await reasonOf(authenticate(org.owner.email, TEST_PASSWORD, meta, code))).toBe("TwoFactorInvalid");
    const events = await eventsOf(org.owner.id);
    expect(events.find((e) => e.event === "sign_in.succeeded")?.details.method).toBe("password+totp");
    expect(events.map((e) => e.event)).toContain("two_factor.failed");
  });

  it(`counts wrong codes like wrong passwords: after ${SIGN_IN_BACKOFF.freeFailures} the account waits, even for the right code`, async () => {
    const org = await createOrgWithOwner("tfa-backoff");
    const { secret } = await enableTwoFactor(org.owner);
    const right = await codeNow(secret);
    const wrong = right === "000000" ? "111111" : "000000";
    const reasons: string[] = [];
    for (let i = 0; i < SIGN_IN_BACKOFF.freeFailures; i++) reasons.push(await reasonOf(authenticate(org.owner.email, TEST_PASSWORD, meta, wrong)));
    expect(reasons.slice(0, -1).every((r) => r === "TwoFactorInvalid")).toBe(true);
    expect(reasons.at(-1)).toBe("Throttled");
    expect(await reasonOf(authenticate(org.owner.email, TEST_PASSWORD, meta, right))).toBe("Throttled");
    const events = (await eventsOf(org.owner.id)).map((e) => e.event);
    expect(events.filter((e) => e === "two_factor.failed")).toHaveLength(SIGN_IN_BACKOFF.freeFailures);
    expect(events).toContain("sign_in.throttled");
  });

  it("does not count the right password that still needs its code as a failure", async () => {
    const org = await createOrgWithOwner("tfa-refund");
    const { secret } = await enableTwoFactor(org.owner);
    for (let i = 0; i < SIGN_IN_BACKOFF.freeFailures + 2; i++) expect(await reasonOf(authenticate(org.owner.email, TEST_PASSWORD, meta))).toBe("TwoFactorRequired");
    expect(await reasonOf(authenticate(org.owner.email, TEST_PASSWORD, meta, await codeNow(secret)))).toBe("signed-in");
  });

  it("accepts each recovery code once, in any case and spacing, and reports it by email", async () => {
    const org = await createOrgWithOwner("tfa-recovery");
    const { recoveryCodes } = await enableTwoFactor(org.owner);
    const typed = recoveryCodes[0]!.toUpperCase().replaceAll("-", " ");
    const signedIn = await authenticate(org.owner.email, TEST_PASSWORD, meta, typed);
    expect(await loadActiveSession(signedIn.sessionId, sha256Hex(signedIn.sessionToken))).not.toBeNull();
    expect(await reasonOf(authenticate(org.owner.email, TEST_PASSWORD, meta, recoveryCodes[0]!))).toBe("TwoFactorInvalid");
    expect(await reasonOf(authenticate(org.owner.email, TEST_PASSWORD, meta, "aaaa-bbbb-cccc-dddd"))).toBe("TwoFactorInvalid");
    const events = await eventsOf(org.owner.id);
    expect(events.find((e) => e.event === "two_factor.recovery_code_used")?.details.remaining).toBe(9);
    expect(events.find((e) => e.event === "sign_in.succeeded")?.details.method).toBe("password+recovery");
    const mail = await smtp.current.waitFor(org.owner.email, /recovery code was used/);
    expect(mail.text).toContain("You have 9 left");
  });

  it("stores the authenticator secret sealed, and recovery codes only as hashes", async () => {
    const org = await createOrgWithOwner("tfa-rest");
    const { secret, recoveryCodes } = await enableTwoFactor(org.owner);
    const user = (await ownerPool().query(`SELECT two_factor_secret, two_factor_enabled FROM users WHERE id = $1`, [org.owner.id])).rows[0];
    expect(user.two_factor_enabled).toBe(true);
    expect(user.two_factor_secret).toMatch(/^v1\./);
    expect(user.two_factor_secret).not.toContain(secret);
    const codes = (await ownerPool().query(`SELECT code_hash FROM two_factor_recovery_codes WHERE user_id = $1`, [org.owner.id])).rows;
    expect(codes).toHaveLength(10);
    const stored = JSON.stringify(codes);
    for (const code of recoveryCodes) expect(stored).not.toContain(code.replaceAll("-", ""));
  });

  it("refuses a secret sealed for another user (copied rows do not carry a second factor)", async () => {
    const a = await createOrgWithOwner("tfa-copy-a");
    const b = await createOrgWithOwner("tfa-copy-b");
    const { secret } = await enableTwoFactor(a.owner);
    await enableTwoFactor(b.owner);
    await ownerPool().query(`UPDATE users SET two_factor_secret = (SELECT two_factor_secret FROM users WHERE id = $1) WHERE id = $2`, [a.owner.id, b.owner.id]);
    await forgetUsedCodes(b.owner.id);
    expect(await reasonOf(authenticate(b.owner.email, TEST_PASSWORD, meta, await codeNow(secret)))).toBe("TwoFactorInvalid");
  });
});

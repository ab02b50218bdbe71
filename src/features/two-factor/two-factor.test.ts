import { describe, expect, it } from "vitest";
import { totpCodeNow } from "@/server/auth/totp";
import { codeNow, enableTwoFactor, forgetUsedCodes } from "../../../test/helpers/account-security";
import { TEST_PASSWORD, callerAs, createOrgWithOwner, ownerPool } from "../../../test/helpers/fixtures";
import { withTestSmtp } from "../../../test/helpers/smtp-env";

const smtp = withTestSmtp();
const events = async (userId: string) => (await ownerPool().query(`SELECT event FROM security_events WHERE user_id = $1 ORDER BY created_at, id`, [userId])).rows.map((r) => r.event as string);
const wrongCode = async (secret: string) => ((await codeNow(secret)) === "000000" ? "111111" : "000000");

describe("setting up two-factor authentication", () => {
  it("shows a QR code and the secret, turns on only with a right code, and gives ten recovery codes once", async () => {
    const org = await createOrgWithOwner("tfa-setup");
    const api = callerAs(org.owner);
    const setup = await api.twoFactor.beginEnrollment();
    expect(setup.secret).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
    expect(setup.qrCode).toMatch(/^data:image\/png;base64,/);
    expect(setup.otpauthUri).toContain(`Parley:${encodeURIComponent(org.owner.email)}`);
    const secret = setup.secret.replaceAll(" ", "");
    // Not on until confirmed.
    expect((await api.account.security()).twoFactor.enabled).toBe(false);

    const wrong = await api.twoFactor.confirmEnrollment({ code: await wrongCode(secret) }).catch((e) => e);
    expect(wrong).toMatchObject({ code: "BAD_REQUEST" });
    expect(wrong.cause.field).toBe("code");
    await expect(api.twoFactor.confirmEnrollment({ code: "12ab" })).rejects.toMatchObject({ code: "BAD_REQUEST" });

    const code = await totpCodeNow(secret);
    const { recoveryCodes } = await api.twoFactor.confirmEnrollment({ code: `${code.slice(0, 3)} ${code.slice(3)}` });
    expect(recoveryCodes).toHaveLength(10);
    const overview = (await api.account.security()).twoFactor;
    expect(overview).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });
    expect(overview.enabledAt).toBeInstanceOf(Date);
    await expect(api.twoFactor.beginEnrollment()).rejects.toMatchObject({ code: "CONFLICT" });
    await smtp.current.waitFor(org.owner.email, /Two-factor authentication is on/);
    expect(await events(org.owner.id)).toEqual(expect.arrayContaining(["two_factor.setup_started", "two_factor.enabled"]));
  });

  it("a new setup replaces one that was never confirmed", async () => {
    const org = await createOrgWithOwner("tfa-restart");
    const api = callerAs(org.owner);
    const first = (await api.twoFactor.beginEnrollment()).secret.replaceAll(" ", "");
    const second = (await api.twoFactor.beginEnrollment()).secret.replaceAll(" ", "");
    expect(second).not.toBe(first);
    await expect(api.twoFactor.confirmEnrollment({ code: await totpCodeNow(first) })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(api.twoFactor.confirmEnrollment({ code: await totpCodeNow(second) })).resolves.toMatchObject({ recoveryCodes: expect.any(Array) });
  });

  it("stops accepting setup codes after too many wrong ones", async () => {
    const org = await createOrgWithOwner("tfa-setup-guess");
    const api = callerAs(org.owner);
    const secret = (await api.twoFactor.beginEnrollment()).secret.replaceAll(" ", "");
    const wrong = await wrongCode(secret);
    for (let i = 0; i < 9; i++) await expect(api.twoFactor.confirmEnrollment({ code: wrong })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(api.twoFactor.confirmEnrollment({ code: wrong })).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
    await expect(api.twoFactor.confirmEnrollment({ code: await totpCodeNow(secret) })).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
  });
});

describe("recovery codes and turning it off", () => {
  it("regenerates recovery codes with a code: the old ones stop working", async () => {
    const org = await createOrgWithOwner("tfa-regen");
    const { secret, recoveryCodes } = await enableTwoFactor(org.owner);
    const api = callerAs(org.owner);
    await expect(api.twoFactor.regenerateRecoveryCodes({ code: await wrongCode(secret) })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const fresh = await api.twoFactor.regenerateRecoveryCodes({ code: await codeNow(secret) });
    expect(fresh.recoveryCodes).toHaveLength(10);
    expect(fresh.recoveryCodes).not.toContain(recoveryCodes[0]);
    // An old code is no good any more; a new one is, once.
    await expect(api.twoFactor.regenerateRecoveryCodes({ code: recoveryCodes[1]! })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const again = await api.twoFactor.regenerateRecoveryCodes({ code: fresh.recoveryCodes[0]! });
    expect(again.recoveryCodes).toHaveLength(10);
    expect(await events(org.owner.id)).toContain("two_factor.recovery_codes_regenerated");
  });

  it("turns off only with the password and a code, and says which organizations will ask again", async () => {
    const org = await createOrgWithOwner("tfa-off");
    const { secret, recoveryCodes } = await enableTwoFactor(org.owner);
    await ownerPool().query(`UPDATE organizations SET require_two_factor = true WHERE id = $1`, [org.orgId]);
    const api = callerAs(org.owner);
    const badPassword = await api.twoFactor.disable({ password: "wrong-password", code: await codeNow(secret) }).catch((e) => e);
    expect(badPassword.cause.field).toBe("password");
    // The failed attempt spent nothing: the same code still works.
    const badCode = await api.twoFactor.disable({ password: TEST_PASSWORD, code: "aaaa-bbbb-cccc-dddd" }).catch((e) => e);
    expect(badCode.cause.field).toBe("code");
    await forgetUsedCodes(org.owner.id);
    const result = await api.twoFactor.disable({ password: TEST_PASSWORD, code: recoveryCodes[0]! });
    expect(result).toEqual({ requiredBy: ["tfa-off Inc"] });
    const user = (await ownerPool().query(`SELECT two_factor_enabled, two_factor_secret, two_factor_enabled_at FROM users WHERE id = $1`, [org.owner.id])).rows[0];
    expect(user).toEqual({ two_factor_enabled: false, two_factor_secret: null, two_factor_enabled_at: null });
    expect((await ownerPool().query(`SELECT count(*)::int AS n FROM two_factor_recovery_codes WHERE user_id = $1`, [org.owner.id])).rows[0].n).toBe(0);
    await smtp.current.waitFor(org.owner.email, /was turned off/);
    expect(await events(org.owner.id)).toContain("two_factor.disabled");
    await expect(api.twoFactor.disable({ password: TEST_PASSWORD, code: await codeNow(secret) })).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
  });

  it("keeps each person's codes their own under row-level security", async () => {
    const a = await createOrgWithOwner("tfa-rls-a");
    const b = await createOrgWithOwner("tfa-rls-b");
    await enableTwoFactor(a.owner);
    const { recoveryCodes } = await enableTwoFactor(b.owner);
    // A's session cannot spend B's recovery code: it is not among A's rows.
    await expect(callerAs(a.owner).twoFactor.regenerateRecoveryCodes({ code: recoveryCodes[0]! })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect((await callerAs(b.owner).account.security()).twoFactor.recoveryCodesLeft).toBe(10);
  });
});

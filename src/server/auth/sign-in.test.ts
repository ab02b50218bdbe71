import { describe, expect, it } from "vitest";
import { sha256Hex } from "@/lib/tokens";
import { loadActiveSession } from "@/server/db/system/sessions";
import { TEST_PASSWORD, createOrgWithOwner, ownerPool, uniqueEmail } from "../../../test/helpers/fixtures";
import { LOCKOUT } from "./policy";
import { SignInError, authenticate } from "./sign-in";

const meta = { ip: "198.51.100.1", userAgent: "vitest" };

async function reasonOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "signed-in";
  } catch (error) {
    if (error instanceof SignInError) return error.reason;
    throw error;
  }
}

describe("authenticate", () => {
  it("signs in with the right password and opens a session checked on every request", async () => {
    const org = await createOrgWithOwner("signin");
    const signedIn = await authenticate(org.owner.email.toUpperCase(), TEST_PASSWORD, meta);
    const session = await loadActiveSession(signedIn.sessionId, sha256Hex(signedIn.sessionToken));
    expect(session?.user.id).toBe(org.owner.id);
    expect(await loadActiveSession(signedIn.sessionId, sha256Hex("forged"))).toBeNull();
  });

  it("answers an unknown email exactly like a wrong password", async () => {
    const org = await createOrgWithOwner("samesay");
    expect(await reasonOf(authenticate(org.owner.email, "wrong-password-1", meta))).toBe("CredentialsSignin");
    expect(await reasonOf(authenticate(uniqueEmail("nobody"), "wrong-password-1", meta))).toBe("CredentialsSignin");
  });

  it(`locks the account for 15 minutes after ${LOCKOUT.maxAttempts} failed attempts, even for the right password`, async () => {
    const org = await createOrgWithOwner("lockout");
    const reasons: string[] = [];
    for (let i = 0; i < LOCKOUT.maxAttempts; i++) reasons.push(await reasonOf(authenticate(org.owner.email, `wrong-${i}-password`, meta)));
    expect(reasons.slice(0, -1).every((r) => r === "CredentialsSignin")).toBe(true);
    expect(reasons.at(-1)).toBe("AccountLocked");
    expect(await reasonOf(authenticate(org.owner.email, TEST_PASSWORD, meta))).toBe("AccountLocked");

    const { rows } = await ownerPool().query(`SELECT locked_until FROM users WHERE id = $1`, [org.owner.id]);
    const minutes = (rows[0].locked_until.getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);

    // When the lock has expired, the right password works again.
    await ownerPool().query(`UPDATE users SET locked_until = now() - interval '1 second' WHERE id = $1`, [org.owner.id]);
    expect(await reasonOf(authenticate(org.owner.email, TEST_PASSWORD, meta))).toBe("signed-in");
  });

  it("locks an unknown email after the same number of attempts, so lockout reveals nothing", async () => {
    const email = uniqueEmail("ghost");
    const reasons: string[] = [];
    for (let i = 0; i <= LOCKOUT.maxAttempts; i++) reasons.push(await reasonOf(authenticate(email, `guess-${i}-password`, meta)));
    expect(reasons.slice(0, LOCKOUT.maxAttempts - 1).every((r) => r === "CredentialsSignin")).toBe(true);
    expect(reasons.slice(LOCKOUT.maxAttempts - 1).every((r) => r === "AccountLocked")).toBe(true);
  });

  it("refuses a deactivated user and ends their sessions on the next request", async () => {
    const org = await createOrgWithOwner("deactivated");
    const signedIn = await authenticate(org.owner.email, TEST_PASSWORD, meta);
    await ownerPool().query(`UPDATE users SET status = 'inactive' WHERE id = $1`, [org.owner.id]);
    expect(await loadActiveSession(signedIn.sessionId, sha256Hex(signedIn.sessionToken))).toBeNull();
    expect(await reasonOf(authenticate(org.owner.email, TEST_PASSWORD, meta))).toBe("AccountDisabled");
  });
});

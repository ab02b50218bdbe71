import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { sha256Hex } from "@/lib/tokens";
import { loadActiveSession } from "@/server/db/system/sessions";
import { TEST_PASSWORD, createOrgWithOwner, ownerPool, uniqueEmail } from "../../../test/helpers/fixtures";
import { readDeviceCookie, signDeviceCookie } from "./device-cookie";
import { SIGN_IN_BACKOFF } from "./policy";
import { SignInError, authenticate } from "./sign-in";

const FREE = SIGN_IN_BACKOFF.freeFailures;

/** A client of its own (the per-address window is shared by everything from one address). */
const client = () => ({ ip: `198.51.${randomBytes(1)[0]}.${randomBytes(1)[0]}`, userAgent: "vitest" });

async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "signed-in";
  } catch (error) {
    if (error instanceof SignInError) return error.message; // "Throttled:30", "CredentialsSignin"…
    throw error;
  }
}

/** What a successful sign-in leaves the browser with (the route sets it as a cookie). */
const deviceOf = (userId: string) => readDeviceCookie(signDeviceCookie({ userId, deviceId: randomBytes(16).toString("base64url") }))!;

/** Moves the account's wait into the past, as the clock would. */
const waitIsOver = (userId: string) => ownerPool().query(`UPDATE users SET locked_until = now() - interval '1 second' WHERE id = $1`, [userId]);

const eventsOf = async (userId: string) =>
  (await ownerPool().query<{ event: string; details: Record<string, unknown> }>(`SELECT event, details FROM security_events WHERE user_id = $1 ORDER BY created_at, id`, [userId])).rows;

afterEach(() => {
  delete process.env.AUTH_IP_MAX_ATTEMPTS;
});

describe("authenticate", () => {
  it("signs in with the right password and opens a session checked on every request", async () => {
    const org = await createOrgWithOwner("signin");
    const signedIn = await authenticate(org.owner.email.toUpperCase(), TEST_PASSWORD, client());
    const session = await loadActiveSession(signedIn.sessionId, sha256Hex(signedIn.sessionToken));
    expect(session?.user.id).toBe(org.owner.id);
    expect(await loadActiveSession(signedIn.sessionId, sha256Hex("forged"))).toBeNull();
  });

  it("answers an unknown email exactly like a wrong password", async () => {
    const org = await createOrgWithOwner("samesay");
    expect(await outcome(authenticate(org.owner.email, "wrong-password-1", client()))).toBe("CredentialsSignin");
    expect(await outcome(authenticate(uniqueEmail("nobody"), "wrong-password-1", client()))).toBe("CredentialsSignin");
  });

  it(`slows an account down after ${FREE} failures instead of locking it, with waits that grow`, async () => {
    const org = await createOrgWithOwner("backoff");
    const results: string[] = [];
    for (let i = 0; i < FREE; i++) results.push(await outcome(authenticate(org.owner.email, `wrong-${i}-password`, client())));
    expect(results.slice(0, -1)).toEqual(Array(FREE - 1).fill("CredentialsSignin"));
    expect(results.at(-1)).toBe("Throttled:30");
    // From a device it never signed in on, even the right password waits its turn.
    expect(await outcome(authenticate(org.owner.email, TEST_PASSWORD, client()))).toMatch(/^Throttled:(29|30)$/);

    await waitIsOver(org.owner.id);
    expect(await outcome(authenticate(org.owner.email, "wrong-again-password", client()))).toBe("Throttled:60");
    await waitIsOver(org.owner.id);
    expect(await outcome(authenticate(org.owner.email, TEST_PASSWORD, client()))).toBe("signed-in");
    // A success starts the count over.
    expect(await outcome(authenticate(org.owner.email, "one-more-typo", client()))).toBe("CredentialsSignin");

    const events = (await eventsOf(org.owner.id)).map((e) => e.event);
    expect(events.filter((e) => e === "sign_in.failed")).toHaveLength(FREE + 2);
    expect(events.filter((e) => e === "sign_in.throttled")).toHaveLength(1);
  });

  it("never keeps the owner out on a device they signed in on, whatever strangers try", async () => {
    const org = await createOrgWithOwner("known-device");
    const laptop = deviceOf(org.owner.id);
    // A stranger who knows the email uses up the account's budget for unknown devices.
    for (let i = 0; i < FREE + 3; i++) await outcome(authenticate(org.owner.email, `guess-${i}-password`, client()));
    expect(await outcome(authenticate(org.owner.email, TEST_PASSWORD, client()))).toMatch(/^Throttled:/);

    expect(await outcome(authenticate(org.owner.email, TEST_PASSWORD, client(), undefined, laptop))).toBe("signed-in");
    // The device's own typos count against the device alone.
    for (let i = 0; i < FREE; i++) await outcome(authenticate(org.owner.email, `typo-${i}-password`, client(), undefined, laptop));
    expect(await outcome(authenticate(org.owner.email, TEST_PASSWORD, client(), undefined, laptop))).toMatch(/^Throttled:/);
    expect(await outcome(authenticate(org.owner.email, TEST_PASSWORD, client(), undefined, deviceOf(org.owner.id)))).toBe("signed-in");
  });

  it("treats a device cookie for another account, or a forged one, as an unknown device", async () => {
    const org = await createOrgWithOwner("device-other");
    const other = await createOrgWithOwner("device-mine");
    for (let i = 0; i < FREE; i++) await outcome(authenticate(org.owner.email, `guess-${i}-password`, client()));
    expect(await outcome(authenticate(org.owner.email, TEST_PASSWORD, client(), undefined, deviceOf(other.owner.id)))).toMatch(/^Throttled:/);
    const forged = signDeviceCookie({ userId: org.owner.id, deviceId: "x" }).replace(/.$/, (c) => (c === "A" ? "B" : "A"));
    expect(readDeviceCookie(forged)).toBeNull();
    expect(readDeviceCookie(`v1.${org.owner.id}.x.AAAA`)).toBeNull();
  });

  it("slows an unknown email down exactly like an account, so throttling reveals nothing", async () => {
    const org = await createOrgWithOwner("ghost-twin");
    const known: string[] = [];
    const unknown: string[] = [];
    const ghost = uniqueEmail("ghost");
    for (let i = 0; i <= FREE; i++) {
      known.push((await outcome(authenticate(org.owner.email, `guess-${i}-password`, client()))).replace(/:\d+$/, ""));
      unknown.push((await outcome(authenticate(ghost, `guess-${i}-password`, client()))).replace(/:\d+$/, ""));
    }
    expect(unknown).toEqual(known);
    expect(known.slice(FREE - 1)).toEqual(["Throttled", "Throttled"]);
  });

  it("lets no more than the free failures through a burst of parallel guesses", async () => {
    const org = await createOrgWithOwner("burst");
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => outcome(authenticate(org.owner.email, `burst-${i}-password`, client()))));
    expect(results.filter((r) => r.startsWith("Throttled"))).toHaveLength(12 - FREE + 1);
    expect((await eventsOf(org.owner.id)).filter((e) => e.event === "sign_in.failed")).toHaveLength(FREE);
  });

  it("limits attempts per client address, but not a known device's", async () => {
    process.env.AUTH_IP_MAX_ATTEMPTS = "3";
    const org = await createOrgWithOwner("per-ip");
    const office = client();
    for (let i = 0; i < 3; i++) expect(await outcome(authenticate(uniqueEmail("spray"), "some-password-here", office))).toBe("CredentialsSignin");
    expect(await outcome(authenticate(org.owner.email, TEST_PASSWORD, office))).toMatch(/^RateLimited:\d+$/);
    expect(await outcome(authenticate(org.owner.email, TEST_PASSWORD, client()))).toBe("signed-in");
    expect(await outcome(authenticate(org.owner.email, TEST_PASSWORD, office, undefined, deviceOf(org.owner.id)))).toBe("signed-in");
  });

  it("refuses a deactivated user and ends their sessions on the next request", async () => {
    const org = await createOrgWithOwner("deactivated");
    const signedIn = await authenticate(org.owner.email, TEST_PASSWORD, client());
    await ownerPool().query(`UPDATE users SET status = 'inactive' WHERE id = $1`, [org.owner.id]);
    expect(await loadActiveSession(signedIn.sessionId, sha256Hex(signedIn.sessionToken))).toBeNull();
    expect(await outcome(authenticate(org.owner.email, TEST_PASSWORD, client()))).toBe("AccountDisabled");
  });
});

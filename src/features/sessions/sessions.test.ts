import { describe, expect, it } from "vitest";
import { sha256Hex } from "@/lib/tokens";
import { authenticate } from "@/server/auth/sign-in";
import { loadActiveSession } from "@/server/db/system/sessions";
import { TEST_PASSWORD, callerAs, createOrgWithOwner } from "../../../test/helpers/fixtures";

const meta = { ip: "192.0.2.10", userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0 Safari/537.36" };

describe("sessions", () => {
  it("lists the user's live sessions, marks the current one, and revokes another", async () => {
    const org = await createOrgWithOwner("sessions");
    const laptop = await authenticate(org.owner.email, TEST_PASSWORD, meta);
    const phone = await authenticate(org.owner.email, TEST_PASSWORD, { ...meta, ip: "192.0.2.11" });
    const api = callerAs(org.owner, null, laptop.sessionId);

    const listed = await api.sessions.list();
    expect(listed.map((s) => s.id).sort()).toEqual([laptop.sessionId, phone.sessionId].sort());
    expect(listed.find((s) => s.current)?.id).toBe(laptop.sessionId);

    await api.sessions.revoke({ sessionId: phone.sessionId });
    expect(await loadActiveSession(phone.sessionId, sha256Hex(phone.sessionToken))).toBeNull();
    expect(await loadActiveSession(laptop.sessionId, sha256Hex(laptop.sessionToken))).not.toBeNull();
    await expect(api.sessions.revoke({ sessionId: phone.sessionId })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("signs out every other session at once", async () => {
    const org = await createOrgWithOwner("others");
    const keep = await authenticate(org.owner.email, TEST_PASSWORD, meta);
    const others = [await authenticate(org.owner.email, TEST_PASSWORD, meta), await authenticate(org.owner.email, TEST_PASSWORD, meta)];
    const result = await callerAs(org.owner, null, keep.sessionId).sessions.revokeOthers();
    expect(result.revoked).toBe(2);
    for (const s of others) expect(await loadActiveSession(s.sessionId, sha256Hex(s.sessionToken))).toBeNull();
    expect(await loadActiveSession(keep.sessionId, sha256Hex(keep.sessionToken))).not.toBeNull();
  });

  it("refuses a malformed session id with BAD_REQUEST", async () => {
    const org = await createOrgWithOwner("badid");
    await expect(callerAs(org.owner).sessions.revoke({ sessionId: "nope" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

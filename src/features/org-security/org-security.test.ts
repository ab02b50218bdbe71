import { describe, expect, it } from "vitest";
import { enableTwoFactor } from "../../../test/helpers/account-security";
import { addMember, callerAs, createOrgWithOwner, ownerPool } from "../../../test/helpers/fixtures";
import { withTestSmtp } from "../../../test/helpers/smtp-env";

withTestSmtp();

describe("requiring two-factor authentication for an organization", () => {
  it("only organization admins change it, and only once they use two-factor themselves; it is audited", async () => {
    const org = await createOrgWithOwner("require-2fa");
    const admin = await addMember(org, "Admin");
    const owner = callerAs(org.owner, org.slug);

    await expect(callerAs(admin, org.slug).orgSecurity.update({ requireTwoFactor: true })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await callerAs(admin, org.slug).orgSecurity.get()).canManage).toBe(false);
    await expect(owner.orgSecurity.update({ requireTwoFactor: true })).rejects.toMatchObject({ code: "PRECONDITION_FAILED", message: expect.stringContaining("your own account first") });

    await enableTwoFactor(org.owner);
    expect(await owner.orgSecurity.update({ requireTwoFactor: true })).toEqual({ requireTwoFactor: true });
    const state = await owner.orgSecurity.get();
    expect(state).toMatchObject({ requireTwoFactor: true, canManage: true, youHaveTwoFactor: true, memberCount: 2 });
    expect(state.withoutTwoFactor.map((m) => m.email)).toEqual([admin.email]);

    const audit = (await ownerPool().query(`SELECT action, old_values, new_values, user_id FROM audit_logs WHERE organization_id = $1 AND action = 'organization.security.update'`, [org.orgId])).rows;
    expect(audit).toEqual([{ action: "organization.security.update", old_values: { requireTwoFactor: false }, new_values: { requireTwoFactor: true }, user_id: org.owner.id }]);
    const events = (await ownerPool().query(`SELECT event, details FROM security_events WHERE user_id = $1 AND event LIKE 'organization.%'`, [org.owner.id])).rows;
    expect(events).toEqual([{ event: "organization.two_factor_required", details: { organizationId: org.orgId, organization: "require-2fa Inc" } }]);
    await expect(owner.orgSecurity.update({ requireTwoFactor: "yes" as never })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("refuses members without two-factor authentication with a clear FORBIDDEN, until they turn it on", async () => {
    const org = await createOrgWithOwner("gate-2fa");
    const member = await addMember(org, "Member");
    await enableTwoFactor(org.owner);
    await callerAs(org.owner, org.slug).orgSecurity.update({ requireTwoFactor: true });

    const refused = await callerAs(member, org.slug).organizations.current().catch((e) => e);
    expect(refused).toMatchObject({ code: "FORBIDDEN", message: "gate-2fa Inc requires two-factor authentication. Turn it on under Account security (/account/security) to continue." });
    await expect(callerAs(member, org.slug).members.list({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    // Outside the organization the account still works, so they can set it up.
    await expect(callerAs(member).account.security()).resolves.toMatchObject({ twoFactor: { enabled: false } });
    expect((await callerAs(member).organizations.mine()).map((o) => o.requireTwoFactor)).toEqual([true]);

    await enableTwoFactor(member);
    await expect(callerAs(member, org.slug).organizations.current()).resolves.toMatchObject({ slug: org.slug });
    // Other organizations are not affected by this one's policy.
    const elsewhere = await createOrgWithOwner("no-policy");
    await expect(callerAs(elsewhere.owner, elsewhere.slug).organizations.current()).resolves.toMatchObject({ slug: elsewhere.slug });
  });

  it("turning it off lets everyone back in", async () => {
    const org = await createOrgWithOwner("ungate-2fa");
    const member = await addMember(org, "Viewer");
    await enableTwoFactor(org.owner);
    const owner = callerAs(org.owner, org.slug);
    await owner.orgSecurity.update({ requireTwoFactor: true });
    await expect(callerAs(member, org.slug).organizations.current()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await owner.orgSecurity.update({ requireTwoFactor: false });
    await expect(callerAs(member, org.slug).organizations.current()).resolves.toMatchObject({ slug: org.slug });
  });
});

import { describe, expect, it, vi } from "vitest";
import { type TestOrg, addMember, callerAs, createOrgWithOwner, ownerPool } from "../../../test/helpers/fixtures";

const seatChanges = vi.hoisted(() => [] as string[]);
vi.mock("@/features/billing/seat-sync", () => ({ afterSeatChange: (scope: { orgId: string }) => { seatChanges.push(scope.orgId); } }));

async function setup(label: string) {
  const org = await createOrgWithOwner(label);
  const api = callerAs(org.owner, org.slug);
  const roles = Object.fromEntries((await api.roles.list()).map((r) => [r.name, r.id]));
  const membershipOf = async (userId: string) => (await api.members.list({ status: "all" })).find((m) => m.user.id === userId)!.id;
  return { org, api, roles, membershipOf };
}

async function auditOf(org: TestOrg, action: string) {
  const { rows } = await ownerPool().query("SELECT old_values, new_values, user_id FROM audit_logs WHERE organization_id = $1 AND action = $2 ORDER BY created_at", [org.orgId, action]);
  return rows;
}

describe("members", () => {
  it("a role change takes effect on the member's next request", async () => {
    const { org, api, roles, membershipOf } = await setup("rolechange");
    const rep = await addMember(org, "Member");
    const repApi = callerAs(rep, org.slug);
    await expect(repApi.leads.create({ companyName: "Allowed Co" })).resolves.toMatchObject({ id: expect.any(String) });

    const membershipId = await membershipOf(rep.id);
    await api.members.changeRole({ membershipId, roleId: roles.Viewer! });
    await expect(repApi.leads.create({ companyName: "Refused Co" })).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("Viewer") });
    await expect(repApi.leads.list({})).resolves.toBeTruthy();
    expect(await auditOf(org, "member.role_change")).toEqual([
      { old_values: { role: "Member", roleId: roles.Member }, new_values: { role: "Viewer", roleId: roles.Viewer }, user_id: org.owner.id },
    ]);
    await expect(api.members.changeRole({ membershipId, roleId: roles.Viewer! })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("always keeps an Owner: the last one cannot be demoted, deactivated or removed", async () => {
    const { org, api, roles, membershipOf } = await setup("lastowner");
    const me = await membershipOf(org.owner.id);
    for (const attempt of [
      () => api.members.changeRole({ membershipId: me, roleId: roles.Admin! }),
      () => api.members.deactivate({ membershipId: me }),
      () => api.members.remove({ membershipId: me }),
    ]) {
      await expect(attempt()).rejects.toMatchObject({ code: "PRECONDITION_FAILED", message: expect.stringMatching(/You are the only Owner.*Transfer ownership/) });
    }
    // With a second Owner, the first may step down.
    const second = await addMember(org, "Owner");
    await api.members.changeRole({ membershipId: me, roleId: roles.Admin! });
    await expect(callerAs(second, org.slug).members.remove({ membershipId: await membershipOf(second.id) }))
      .rejects.toMatchObject({ code: "PRECONDITION_FAILED", message: expect.stringMatching(/only Owner/) });
  });

  it("only an Owner changes an Owner, and nobody hands out more than they hold", async () => {
    const { org, roles, membershipOf } = await setup("guarded");
    const admin = await addMember(org, "Admin");
    const rep = await addMember(org, "Member");
    const adminApi = callerAs(admin, org.slug);
    const ownerMembership = await membershipOf(org.owner.id);
    await expect(adminApi.members.changeRole({ membershipId: ownerMembership, roleId: roles.Viewer! })).rejects.toMatchObject({ code: "FORBIDDEN", message: "Only an Owner can change the role of an Owner" });
    await expect(adminApi.members.deactivate({ membershipId: ownerMembership })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(adminApi.members.changeRole({ membershipId: await membershipOf(rep.id), roleId: roles.Owner! })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(adminApi.members.changeRole({ membershipId: await membershipOf(rep.id), roleId: roles.Manager! })).resolves.toMatchObject({ role: { name: "Manager" } });
    await expect(callerAs(rep, org.slug).members.changeRole({ membershipId: await membershipOf(admin.id), roleId: roles.Viewer! })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("transfers ownership: the new Owner gets everything, the old one becomes Admin", async () => {
    const { org, api, membershipOf } = await setup("transfer");
    const heir = await addMember(org, "Manager");
    const admin = await addMember(org, "Admin");
    const heirMembership = await membershipOf(heir.id);
    // Admins hold members:admin but are not the Owner.
    await expect(callerAs(admin, org.slug).members.transferOwnership({ membershipId: heirMembership })).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/Only an Owner/) });
    await expect(api.members.transferOwnership({ membershipId: await membershipOf(org.owner.id) })).rejects.toMatchObject({ code: "BAD_REQUEST" });

    await api.members.transferOwnership({ membershipId: heirMembership });
    const members = await callerAs(heir, org.slug).members.list({});
    expect(Object.fromEntries(members.map((m) => [m.user.id, m.role.name]))).toMatchObject({ [heir.id]: "Owner", [org.owner.id]: "Admin" });
    expect((await callerAs(heir, org.slug).organizations.current()).permissions).toContain("billing:admin");
    expect((await api.organizations.current()).permissions).not.toContain("billing:admin");
    await expect(api.members.transferOwnership({ membershipId: heirMembership })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const [audit] = await auditOf(org, "organization.transfer_ownership");
    expect(audit).toMatchObject({ old_values: { ownerMembershipId: await membershipOf(org.owner.id) }, new_values: { ownerMembershipId: heirMembership }, user_id: org.owner.id });
  });

  it("deactivating or removing a member ends their access at once and tells billing", async () => {
    const { org, api, membershipOf } = await setup("offboard");
    const leaver = await addMember(org, "Member");
    const paused = await addMember(org, "Viewer");
    const before = seatChanges.length;

    await api.members.deactivate({ membershipId: await membershipOf(paused.id) });
    await expect(callerAs(paused, org.slug).members.list({})).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await api.members.list({ status: "deactivated" })).map((m) => m.user.id)).toEqual([paused.id]);
    // Pickers (owners, assignees) list active members only, the default.
    expect((await api.members.list({})).map((m) => m.user.id)).not.toContain(paused.id);
    await api.members.reactivate({ membershipId: await membershipOf(paused.id) });
    await expect(callerAs(paused, org.slug).members.list({})).resolves.toHaveLength(3);

    const leaving = await membershipOf(leaver.id);
    await api.members.remove({ membershipId: leaving });
    await expect(callerAs(leaver, org.slug).leads.list({})).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(api.members.remove({ membershipId: leaving })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(seatChanges.slice(before)).toEqual([org.orgId, org.orgId, org.orgId]);
    expect(await auditOf(org, "member.remove")).toEqual([
      { old_values: expect.objectContaining({ email: leaver.email, role: "Member", status: "active" }), new_values: null, user_id: org.owner.id },
    ]);
    // A Manager reads members but cannot change them.
    const manager = await addMember(org, "Manager");
    await expect(callerAs(manager, org.slug).members.deactivate({ membershipId: await membershipOf(paused.id) })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("reactivating needs a free seat", async () => {
    const { org, api, membershipOf } = await setup("reseat");
    const away = await addMember(org, "Member");
    await api.members.deactivate({ membershipId: await membershipOf(away.id) });
    await addMember(org, "Member");
    await ownerPool().query("UPDATE organizations SET max_users = 2 WHERE id = $1", [org.orgId]);
    const membershipId = await membershipOf(away.id);
    // Seat limits apply while billing is on (STRIPE_SECRET_KEY set); self-hosted has none.
    const saved = process.env.STRIPE_SECRET_KEY;
    process.env.STRIPE_SECRET_KEY = "sk_test_parley_seats";
    try {
      await expect(api.members.reactivate({ membershipId })).rejects.toMatchObject({ code: "PRECONDITION_FAILED", message: expect.stringMatching(/includes 2 seats/) });
    } finally {
      if (saved === undefined) delete process.env.STRIPE_SECRET_KEY;
      else process.env.STRIPE_SECRET_KEY = saved;
    }
    await expect(api.members.reactivate({ membershipId })).resolves.toMatchObject({ status: "active" });
  });

  it("another organization's members are invisible and untouchable", async () => {
    const a = await setup("alpha-members");
    const b = await setup("bravo-members");
    const stranger = await addMember(b.org, "Member");
    const strangerMembership = await b.membershipOf(stranger.id);
    expect((await a.api.members.list({})).map((m) => m.user.id)).toEqual([a.org.owner.id]);
    for (const attempt of [
      () => a.api.members.changeRole({ membershipId: strangerMembership, roleId: a.roles.Viewer! }),
      () => a.api.members.deactivate({ membershipId: strangerMembership }),
      () => a.api.members.remove({ membershipId: strangerMembership }),
      () => a.api.members.transferOwnership({ membershipId: strangerMembership }),
      // Their role, on our member.
      async () => a.api.members.changeRole({ membershipId: await a.membershipOf(a.org.owner.id), roleId: b.roles.Viewer! }),
    ]) {
      await expect(attempt()).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    expect((await b.api.members.list({})).find((m) => m.user.id === stranger.id)).toMatchObject({ status: "active", role: { name: "Member" } });
  });
});

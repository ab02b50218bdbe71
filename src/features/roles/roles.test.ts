import { describe, expect, it } from "vitest";
import { addMember, callerAs, createOrgWithOwner, ownerPool } from "../../../test/helpers/fixtures";
import { withImpliedReads } from "./roles.schema";

async function setup(label: string) {
  const org = await createOrgWithOwner(label);
  const api = callerAs(org.owner, org.slug);
  const roles = Object.fromEntries((await api.roles.list()).map((r) => [r.name, r]));
  const membershipOf = async (userId: string) => (await api.members.list({ status: "all" })).find((m) => m.user.id === userId)!.id;
  return { org, api, roles, membershipOf };
}

describe("custom roles", () => {
  it("lists the five system roles first, with what they grant and who holds them", async () => {
    const { api } = await setup("catalog");
    const roles = await api.roles.list();
    expect(roles.map((r) => [r.name, r.isSystem, r.memberCount])).toEqual([
      ["Owner", true, 1], ["Admin", true, 0], ["Manager", true, 0], ["Member", true, 0], ["Viewer", true, 0],
    ]);
    expect(roles[0]!.permissions).toHaveLength(21 * 4);
    expect(roles.find((r) => r.name === "Viewer")!.permissions).not.toContain("leads:write");
  });

  it("applies a custom role's matrix on the next request: no leads:write, no leads.create", async () => {
    const { org, api, roles, membershipOf } = await setup("matrix");
    const role = await api.roles.create({ name: "Lead Researcher", description: "Reads leads, logs calls", copyFromRoleId: roles.Viewer!.id });
    expect((await api.roles.get({ id: role.id })).permissions).toEqual(roles.Viewer!.permissions);

    const rep = await addMember(org, "Member");
    await api.members.changeRole({ membershipId: await membershipOf(rep.id), roleId: role.id });
    const repApi = callerAs(rep, org.slug);
    await expect(repApi.leads.list({})).resolves.toBeTruthy();
    await expect(repApi.leads.create({ companyName: "Not yet" })).rejects.toMatchObject({ code: "FORBIDDEN", message: "Your role (Lead Researcher) cannot write leads" });

    const saved = await api.roles.setPermissions({ id: role.id, permissions: [...roles.Viewer!.permissions, "leads:write", "interactions:write"] });
    expect(saved.added.sort()).toEqual(["interactions:write", "leads:write"]);
    await expect(repApi.leads.create({ companyName: "Now allowed" })).resolves.toMatchObject({ id: expect.any(String) });

    await api.roles.setPermissions({ id: role.id, permissions: ["members:read"] });
    await expect(repApi.leads.list({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    const { rows } = await ownerPool().query("SELECT old_values, new_values, details FROM audit_logs WHERE organization_id = $1 AND action = 'role.permissions_update' ORDER BY created_at", [org.orgId]);
    expect(rows).toHaveLength(2);
    expect(rows[1].new_values).toEqual({ permissions: ["members:read"] });
    expect(rows[1].old_values.permissions).toContain("leads:write");
  });

  it("an action implies reading: write without read saves with read", () => {
    expect(withImpliedReads(["leads:write", "tasks:delete"])).toEqual(["leads:read", "leads:write", "tasks:read", "tasks:delete"]);
  });

  it("refuses changing the Owner role, renaming or deleting system roles, and reserved or duplicate names", async () => {
    const { api, roles } = await setup("guards");
    await expect(api.roles.setPermissions({ id: roles.Owner!.id, permissions: ["leads:read"] }))
      .rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/Owner role always has every permission/) });
    await expect(api.roles.update({ id: roles.Admin!.id, name: "Admins" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(api.roles.delete({ id: roles.Viewer!.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(api.roles.create({ name: "owner" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await api.roles.create({ name: "Sales Lead" });
    const dup = await api.roles.create({ name: "sales lead" }).catch((e) => e);
    expect(dup).toMatchObject({ code: "CONFLICT" });
    expect(dup.cause).toMatchObject({ field: "name" });
    // Names compare case-insensitively but literally: "_" and "%" are not wildcards, a trailing
    // backslash is just a character.
    await expect(api.roles.create({ name: "Sales_Lead" })).resolves.toBeTruthy();
    await expect(api.roles.create({ name: "Sales Lead\\" })).resolves.toBeTruthy();
    await expect(api.roles.create({ name: "sales lead\\" })).rejects.toMatchObject({ code: "CONFLICT" });
    // Other system roles' permissions can be tuned.
    await expect(api.roles.setPermissions({ id: roles.Viewer!.id, permissions: [...roles.Viewer!.permissions, "tasks:write"] })).resolves.toBeTruthy();
  });

  it("renames a custom role and keeps the audit trail", async () => {
    const { org, api } = await setup("rename");
    const role = await api.roles.create({ name: "Partners" });
    await api.roles.update({ id: role.id, name: "Channel Partners", description: "Resellers" });
    const { rows } = await ownerPool().query("SELECT old_values, new_values FROM audit_logs WHERE organization_id = $1 AND action = 'role.update'", [org.orgId]);
    expect(rows).toEqual([{ old_values: { name: "Partners", description: null }, new_values: { name: "Channel Partners", description: "Resellers" } }]);
  });

  it("refuses deleting a role in use, saying how many hold it", async () => {
    const { org, api, roles, membershipOf } = await setup("inuse");
    const role = await api.roles.create({ name: "Temps", copyFromRoleId: roles.Member!.id });
    const temp = await addMember(org, "Member");
    await api.members.changeRole({ membershipId: await membershipOf(temp.id), roleId: role.id });
    await api.invitations.create({ email: "temp-two@example.com", roleId: role.id });
    await expect(api.roles.delete({ id: role.id })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED", message: "Temps is in use by 1 member and 1 pending invitation. Give them another role (or revoke the invitations) before deleting it.",
    });
    expect((await api.roles.list()).find((r) => r.id === role.id)).toMatchObject({ memberCount: 1, pendingInvitationCount: 1 });

    await api.members.changeRole({ membershipId: await membershipOf(temp.id), roleId: roles.Member!.id });
    await api.invitations.revoke({ id: (await api.invitations.list())[0]!.id });
    await expect(api.roles.delete({ id: role.id })).resolves.toEqual({ id: role.id });
    await expect(api.roles.get({ id: role.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("nobody grants permissions they do not hold; Members cannot edit roles at all", async () => {
    const { org, roles } = await setup("escalate");
    const admin = await addMember(org, "Admin");
    const member = await addMember(org, "Member");
    const adminApi = callerAs(admin, org.slug);
    const role = await adminApi.roles.create({ name: "Finance" });
    await expect(adminApi.roles.setPermissions({ id: role.id, permissions: ["billing:read", "billing:admin"] }))
      .rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/billing:admin/) });
    await expect(adminApi.roles.setPermissions({ id: role.id, permissions: ["billing:read", "billing:write"] })).resolves.toBeTruthy();
    await expect(adminApi.roles.create({ name: "Co-owner", copyFromRoleId: roles.Owner!.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerAs(member, org.slug).roles.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerAs(member, org.slug).roles.create({ name: "Mine" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("another organization's roles are invisible and untouchable", async () => {
    const a = await setup("alpha-roles");
    const b = await setup("bravo-roles");
    const theirs = await b.api.roles.create({ name: "Bravo Only" });
    expect((await a.api.roles.list()).map((r) => r.name)).not.toContain("Bravo Only");
    for (const attempt of [
      () => a.api.roles.get({ id: theirs.id }),
      () => a.api.roles.update({ id: theirs.id, name: "Hijacked" }),
      () => a.api.roles.setPermissions({ id: theirs.id, permissions: ["leads:read"] }),
      () => a.api.roles.delete({ id: theirs.id }),
      () => a.api.roles.create({ name: "Copycat", copyFromRoleId: theirs.id }),
      () => a.api.invitations.create({ email: "x@example.com", roleId: theirs.id }),
    ]) {
      await expect(attempt()).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    expect((await b.api.roles.get({ id: theirs.id })).name).toBe("Bravo Only");
  });
});

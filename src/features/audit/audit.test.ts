import { describe, expect, it } from "vitest";
import { addMember, callerAs, createOrgWithOwner, ownerPool } from "../../../test/helpers/fixtures";
import { auditExport } from "./audit.export";

describe("audit log", () => {
  it("filters by who, action family or exact action, resource and date, newest first, keyset paged", async () => {
    const org = await createOrgWithOwner("audit-filter");
    const other = await createOrgWithOwner("audit-other");
    const api = callerAs(org.owner, org.slug);
    const manager = await addMember(org, "Manager");
    const managerApi = callerAs(manager, org.slug);
    const acme = await api.companies.create({ name: "Acme", industry: "Freight" });
    await api.companies.update({ id: acme.id, values: { name: "Acme", industry: "Logistics" } });
    await managerApi.contacts.create({ firstName: "Ana" });
    await callerAs(other.owner, other.slug).companies.create({ name: "Not yours" });

    const all = await api.audit.list({});
    expect(all.items.map((e) => e.action)).toEqual(["contact.create", "company.update", "company.create", "organization.create"]);
    expect((await api.audit.list({ userId: manager.id })).items.map((e) => e.action)).toEqual(["contact.create"]);
    expect((await api.audit.list({ action: "company" })).items.map((e) => e.action)).toEqual(["company.update", "company.create"]);
    expect((await api.audit.list({ action: "company.update" })).items).toHaveLength(1);
    expect((await api.audit.list({ resourceType: "contact" })).items).toHaveLength(1);
    const today = new Date().toISOString().slice(0, 10);
    expect((await api.audit.list({ from: today, to: today })).items).toHaveLength(4);
    expect((await api.audit.list({ to: "2020-01-01" })).items).toHaveLength(0);

    const first = await api.audit.list({ limit: 3 });
    expect(first.nextCursor).not.toBeNull();
    const rest = await api.audit.list({ limit: 3, cursor: first.nextCursor! });
    expect(rest).toMatchObject({ items: [{ action: "organization.create" }], nextCursor: null });

    const update = all.items.find((e) => e.action === "company.update")!;
    expect(update.oldValues).toMatchObject({ industry: "Freight" });
    expect(update.newValues).toMatchObject({ industry: "Logistics" });
    expect(await api.audit.facets()).toEqual({
      resourceTypes: ["company", "contact", "organization"],
      actions: ["company.create", "company.update", "contact.create", "organization.create"],
    });
  });

  it("refuses bad filters naming the field, and members without audit_logs:read", async () => {
    const org = await createOrgWithOwner("audit-perm");
    const api = callerAs(org.owner, org.slug);
    await expect(api.audit.list({ from: "2026-13-45" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("From must be a date") });
    await expect(api.audit.list({ from: "2026-02-01", to: "2026-01-01" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("From must be on or before To") });
    const member = callerAs(await addMember(org, "Member"), org.slug);
    await expect(member.audit.list({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(member.audit.facets()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("exports every filtered entry as CSV rows, across pages", async () => {
    const org = await createOrgWithOwner("audit-export");
    const api = callerAs(org.owner, org.slug);
    for (let i = 0; i < 205; i++) {
      await ownerPool().query(
        "INSERT INTO audit_logs (organization_id, user_id, action, resource_type, new_values) VALUES ($1, $2, 'tag.create', 'tag', $3)",
        [org.orgId, org.owner.id, JSON.stringify({ name: `t${i}` })],
      );
    }
    const read = auditExport.start(api, { action: "tag" });
    const one = await read(1);
    const two = await read(2);
    expect(one).toMatchObject({ more: true });
    expect(one.rows).toHaveLength(200);
    expect(two).toMatchObject({ more: false });
    expect(two.rows).toHaveLength(5);
    expect(two.rows[4]).toEqual(expect.arrayContaining(["tag.create", "tag", '{"name":"t0"}']));
  });
});

import { describe, expect, it } from "vitest";
import { addMember, callerAs, createOrgWithOwner, ownerPool } from "../../../test/helpers/fixtures";
import { companyDomain } from "./companies.service";

async function errorOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; message: string; cause?: { field?: string } };
  }
  throw new Error("expected the call to fail");
}

describe("companyDomain", () => {
  it("takes the website's host without www, else the email's domain", () => {
    expect(companyDomain("https://www.Acme.com/about", "x@other.com")).toBe("acme.com");
    expect(companyDomain(null, "sales@acme.io")).toBe("acme.io");
    expect(companyDomain(null, null)).toBeNull();
  });
});

describe("companies", () => {
  it("creates a company with typed fields, records audit and timeline, and shows it", async () => {
    const org = await createOrgWithOwner("co-create");
    const api = callerAs(org.owner, org.slug);
    const created = await api.companies.create({
      name: "  Globex  ", website: "globex.com", phone: "+1 555 0100", annualRevenue: "2,500,000.50", employeeCount: "120",
      lifecycle: "customer", contractStartDate: "2026-01-01", contractEndDate: "2026-12-31", email: "",
    });
    const company = await api.companies.get({ id: created.id });
    expect(company).toMatchObject({
      name: "Globex", website: "https://globex.com", domain: "globex.com", annualRevenue: "2500000.50", employeeCount: 120,
      email: null, lifecycle: "customer", ownerId: org.owner.id,
    });
    expect(company.contractEndDate?.toISOString().slice(0, 10)).toBe("2026-12-31");
    expect(company.timeline.map((e) => e.title)).toEqual(["Created Globex"]);
    const audit = await ownerPool().query(`SELECT action FROM audit_logs WHERE organization_id = $1 AND resource_id = $2`, [org.orgId, created.id]);
    expect(audit.rows).toEqual([{ action: "company.create" }]);
  });

  it("refuses bad input with messages naming each field, and writes nothing", async () => {
    const org = await createOrgWithOwner("co-bad");
    const api = callerAs(org.owner, org.slug);
    const error = await errorOf(api.companies.create({
      name: "", email: "nope", website: "ftp://x", annualRevenue: "-5", employeeCount: "many", contractStartDate: "2026-05-01", contractEndDate: "2026-01-01",
    }));
    expect(error.code).toBe("BAD_REQUEST");
    for (const field of ["name", "email", "website", "annualRevenue", "employeeCount"]) expect(error.message).toContain(field);
    const { rows } = await ownerPool().query(`SELECT count(*)::int AS n FROM companies WHERE organization_id = $1`, [org.orgId]);
    expect(rows[0].n).toBe(0);
  });

  it("refuses a contract that ends before it starts", async () => {
    const org = await createOrgWithOwner("co-dates");
    const error = await errorOf(callerAs(org.owner, org.slug).companies.create({ name: "Backwards", contractStartDate: "2026-05-01", contractEndDate: "2026-01-01" }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toContain("cannot end before it starts");
    // An update that moves the start past the stored end, leaving the end out, is refused the same way.
    const api = callerAs(org.owner, org.slug);
    const company = await api.companies.create({ name: "Forwards", contractStartDate: "2026-01-01", contractEndDate: "2026-03-01" });
    const update = await errorOf(api.companies.update({ id: company.id, values: { name: "Forwards", contractStartDate: "2026-05-01" } }));
    expect(update).toMatchObject({ code: "BAD_REQUEST", message: "The contract cannot end before it starts", cause: { field: "contractEndDate" } });
    expect(await api.companies.get({ id: company.id })).toMatchObject({ contractStartDate: new Date("2026-01-01T00:00:00.000Z") });
  });

  it("keeps phone, email and external id unique within an organization only", async () => {
    const one = await createOrgWithOwner("co-uniq1");
    const two = await createOrgWithOwner("co-uniq2");
    await callerAs(one.owner, one.slug).companies.create({ name: "First", phone: "555-0101" });
    const dup = await errorOf(callerAs(one.owner, one.slug).companies.create({ name: "Second", phone: "555-0101" }));
    expect(dup.code).toBe("CONFLICT");
    expect(dup.cause?.field).toBe("phone");
    await expect(callerAs(two.owner, two.slug).companies.create({ name: "Elsewhere", phone: "555-0101" })).resolves.toBeDefined();
  });

  it("lists with server-side paging, sorting and filters", async () => {
    const org = await createOrgWithOwner("co-list");
    const api = callerAs(org.owner, org.slug);
    const rep = await addMember(org, "Member");
    for (const [name, lifecycle, revenue] of [["Alpha", "prospect", "10"], ["Bravo", "customer", "300"], ["Charlie", "customer", "20"], ["Delta", "churned", null]] as const) {
      await api.companies.create({ name, lifecycle, annualRevenue: revenue, ownerId: name === "Delta" ? rep.id : undefined });
    }
    const page1 = await api.companies.list({ pageSize: 2, sort: "name", dir: "asc" });
    expect(page1.items.map((c) => c.name)).toEqual(["Alpha", "Bravo"]);
    expect(page1).toMatchObject({ total: 4, pageCount: 2 });
    const page2 = await api.companies.list({ pageSize: 2, page: 2, sort: "name", dir: "asc" });
    expect(page2.items.map((c) => c.name)).toEqual(["Charlie", "Delta"]);
    const byRevenue = await api.companies.list({ sort: "annualRevenue", dir: "desc" });
    expect(byRevenue.items.map((c) => c.name)).toEqual(["Bravo", "Charlie", "Alpha", "Delta"]);
    const customers = await api.companies.list({ lifecycle: "customer" });
    expect(customers.items.map((c) => c.name).sort()).toEqual(["Bravo", "Charlie"]);
    const search = await api.companies.list({ search: "arl" });
    expect(search.items.map((c) => c.name)).toEqual(["Charlie"]);
    // The industry filter is a case-insensitive match, taken literally (no wildcards, no error on a trailing backslash).
    await api.companies.update({ id: page1.items[0]!.id, values: { name: "Alpha", industry: "Freight" } });
    expect((await api.companies.list({ industry: "freight" })).items.map((c) => c.name)).toEqual(["Alpha"]);
    expect((await api.companies.list({ industry: "%" })).total).toBe(0);
    expect((await api.companies.list({ industry: "Freigh_" })).total).toBe(0);
    expect((await api.companies.list({ industry: "Freight\\" })).total).toBe(0);
    const owned = await api.companies.list({ ownerId: rep.id });
    expect(owned.items.map((c) => c.name)).toEqual(["Delta"]);
    await expect(api.companies.list({ pageSize: 500 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("updates only what changed, with the change on the timeline and in the audit log", async () => {
    const org = await createOrgWithOwner("co-update");
    const api = callerAs(org.owner, org.slug);
    const { id } = await api.companies.create({ name: "Initech", tier: "standard" });
    await api.companies.update({ id, values: { name: "Initech", tier: "gold", industry: "Software" } });
    const company = await api.companies.get({ id });
    expect(company.tier).toBe("gold");
    expect(company.timeline[0]!.title).toBe("Updated tier, industry");
    const audit = await ownerPool().query(`SELECT old_values, new_values FROM audit_logs WHERE resource_id = $1 AND action = 'company.update'`, [id]);
    expect(audit.rows[0]).toEqual({ old_values: { tier: "standard", industry: null }, new_values: { tier: "gold", industry: "Software" } });
  });

  it("lets a Viewer read but not write, and deletes with its timeline", async () => {
    const org = await createOrgWithOwner("co-perms");
    const viewer = await addMember(org, "Viewer");
    const { id } = await callerAs(org.owner, org.slug).companies.create({ name: "Umbrella" });
    await expect(callerAs(viewer, org.slug).companies.get({ id })).resolves.toMatchObject({ name: "Umbrella" });
    await expect(callerAs(viewer, org.slug).companies.update({ id, values: { name: "Mine" } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerAs(viewer, org.slug).companies.delete({ id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await callerAs(org.owner, org.slug).companies.delete({ id });
    await expect(callerAs(org.owner, org.slug).companies.get({ id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const { rows } = await ownerPool().query(`SELECT count(*)::int AS n FROM timeline_events WHERE subject_id = $1`, [id]);
    expect(rows[0].n).toBe(0);
  });
});

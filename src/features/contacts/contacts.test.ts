import { describe, expect, it } from "vitest";
import { callerAs, createOrgWithOwner, ownerPool } from "../../../test/helpers/fixtures";

describe("contacts", () => {
  it("creates a contact linked to several companies, the first as primary, on both timelines", async () => {
    const org = await createOrgWithOwner("ct-create");
    const api = callerAs(org.owner, org.slug);
    const acme = await api.companies.create({ name: "Acme" });
    const beta = await api.companies.create({ name: "Beta" });
    const { id } = await api.contacts.create({ firstName: " Jo ", lastName: "March", email: "JO@Acme.test", type: "vendor", companyIds: [beta.id, acme.id] });
    const contact = await api.contacts.get({ id });
    expect(contact).toMatchObject({ fullName: "Jo March", email: "jo@acme.test", type: "vendor" });
    expect(contact.companyLinks.map((l) => [l.company.name, l.isPrimary])).toEqual([["Beta", true], ["Acme", false]]);
    const company = await api.companies.get({ id: acme.id });
    expect(company.contactLinks.map((l) => l.contact.fullName)).toEqual(["Jo March"]);
    expect(company.timeline.map((e) => e.title)).toContain("Jo March linked as a contact");
  });

  it("refuses another organization's company as NOT_FOUND on companyIds, writing nothing", async () => {
    const mine = await createOrgWithOwner("ct-mine");
    const theirs = await createOrgWithOwner("ct-theirs");
    const foreign = await callerAs(theirs.owner, theirs.slug).companies.create({ name: "Foreign" });
    const error = await callerAs(mine.owner, mine.slug).contacts.create({ firstName: "Sneaky", companyIds: [foreign.id] }).catch((e) => e);
    expect(error.code).toBe("NOT_FOUND");
    expect(error.cause.field).toBe("companyIds");
    const { rows } = await ownerPool().query(`SELECT count(*)::int AS n FROM contacts WHERE organization_id = $1`, [mine.orgId]);
    expect(rows[0].n).toBe(0);
  });

  it("lists with search, type and company filters, and updates links", async () => {
    const org = await createOrgWithOwner("ct-list");
    const api = callerAs(org.owner, org.slug);
    const acme = await api.companies.create({ name: "Acme" });
    const a = await api.contacts.create({ firstName: "Ann", lastName: "Lee", type: "client", companyIds: [acme.id] });
    await api.contacts.create({ firstName: "Bob", lastName: "Ray", type: "partner", title: "CTO" });
    expect((await api.contacts.list({ search: "cto" })).items.map((c) => c.fullName)).toEqual(["Bob Ray"]);
    expect((await api.contacts.list({ type: "client" })).items.map((c) => c.fullName)).toEqual(["Ann Lee"]);
    expect((await api.contacts.list({ companyId: acme.id })).items.map((c) => c.fullName)).toEqual(["Ann Lee"]);
    await api.contacts.update({ id: a.id, values: { firstName: "Ann", lastName: "Lee", companyIds: [] } });
    expect((await api.contacts.list({ companyId: acme.id })).total).toBe(0);
    await api.contacts.delete({ id: a.id });
    expect((await api.contacts.list({})).items.map((c) => c.fullName)).toEqual(["Bob Ray"]);
  });
});

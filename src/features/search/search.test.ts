import { describe, expect, it } from "vitest";
import { addMember, callerAs, createOrgWithOwner } from "../../../test/helpers/fixtures";

describe("global search", () => {
  it("finds companies and contacts despite typos, best match first", async () => {
    const org = await createOrgWithOwner("search");
    const api = callerAs(org.owner, org.slug);
    const acme = await api.companies.create({ name: "Acme Logistics Inc", website: "acme-logistics.example" });
    await api.companies.create({ name: "Globex Corporation" });
    await api.contacts.create({ firstName: "Wile", lastName: "Coyote", email: "wile@acme-logistics.example", companyIds: [acme.id] });

    const typo = await api.search.global({ q: "acme logstics" });
    expect(typo[0]).toMatchObject({ kind: "company", id: acme.id, title: "Acme Logistics Inc" });
    const partial = await api.search.global({ q: "glob" });
    expect(partial.map((h) => h.title)).toContain("Globex Corporation");
    const person = await api.search.global({ q: "wile coyot" });
    expect(person.find((h) => h.kind === "contact")?.title).toBe("Wile Coyote");
    expect(await api.search.global({ q: "zzzzqqq" })).toEqual([]);
  });

  it("never returns another organization's records", async () => {
    const mine = await createOrgWithOwner("search-mine");
    const theirs = await createOrgWithOwner("search-theirs");
    await callerAs(theirs.owner, theirs.slug).companies.create({ name: "Secret Widgets Ltd" });
    expect(await callerAs(mine.owner, mine.slug).search.global({ q: "secret widgets" })).toEqual([]);
  });

  it("treats LIKE wildcards in the query as plain characters", async () => {
    const org = await createOrgWithOwner("search-like");
    const api = callerAs(org.owner, org.slug);
    await api.companies.create({ name: "Plain Name" });
    expect(await api.search.global({ q: "%" })).toEqual([]);
    expect(await api.search.global({ q: "_" })).toEqual([]);
  });

  it("searches only what the member's role may read", async () => {
    const org = await createOrgWithOwner("search-perms");
    await callerAs(org.owner, org.slug).companies.create({ name: "Visible Co" });
    const viewer = await addMember(org, "Viewer");
    expect((await callerAs(viewer, org.slug).search.global({ q: "visible" })).map((h) => h.title)).toEqual(["Visible Co"]);
  });
});

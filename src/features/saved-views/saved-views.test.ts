import { describe, expect, it } from "vitest";
import { addMember, callerAs, createOrgWithOwner } from "../../../test/helpers/fixtures";

describe("saved views", () => {
  it("saves a member's filters by name (again overwrites), without the page, and only they see them", async () => {
    const org = await createOrgWithOwner("views");
    const colleague = await addMember(org, "Member");
    const mine = callerAs(org.owner, org.slug);
    await mine.savedViews.save({ resource: "companies", name: "Big customers", query: { lifecycle: "customer", sort: "annualRevenue", dir: "desc", page: "3" } });
    await mine.savedViews.save({ resource: "companies", name: "Big customers", query: { lifecycle: "customer", tier: "platinum" } });
    const views = await mine.savedViews.list({ resource: "companies" });
    expect(views.map((v) => [v.name, v.query])).toEqual([["Big customers", { lifecycle: "customer", tier: "platinum" }]]);
    expect(await callerAs(colleague, org.slug).savedViews.list({ resource: "companies" })).toEqual([]);
    await expect(callerAs(colleague, org.slug).savedViews.delete({ id: views[0]!.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await mine.savedViews.delete({ id: views[0]!.id });
    expect(await mine.savedViews.list({ resource: "companies" })).toEqual([]);
  });

  it("refuses filters the list would not accept", async () => {
    const org = await createOrgWithOwner("views-bad");
    const error = await callerAs(org.owner, org.slug).savedViews.save({ resource: "companies", name: "Broken", query: { lifecycle: "galactic" } }).catch((e) => e);
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.cause.field).toBe("query");
  });
});

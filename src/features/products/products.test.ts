import { describe, expect, it } from "vitest";
import { addMember, callerAs, createOrgWithOwner } from "../../../test/helpers/fixtures";

describe("products", () => {
  it("keeps a catalog with exact prices, SKUs unique per organization, paged, sorted and filtered", async () => {
    const org = await createOrgWithOwner("products");
    const other = await createOrgWithOwner("products-other");
    const api = callerAs(org.owner, org.slug);
    const onboarding = await api.products.create({ name: "Onboarding", sku: "ONB-1", unitPrice: "1,250.50", billingType: "one_time", taxRate: "8.25" });
    expect(onboarding).toMatchObject({ unitPrice: "1250.50", taxRate: "8.25", currency: "USD", isActive: true });
    await api.products.create({ name: "Seat licence", sku: "SEAT", unitPrice: "49.99", billingType: "monthly" });
    await api.products.create({ name: "Support plan", unitPrice: "0.1", billingType: "yearly", currency: "eur", isActive: false });
    // Another organization may use the same SKU.
    await callerAs(other.owner, other.slug).products.create({ name: "Theirs", sku: "SEAT", unitPrice: "1" });
    await expect(api.products.create({ name: "Dup", sku: "SEAT", unitPrice: "1" })).rejects.toMatchObject({ code: "CONFLICT", message: "Another product already has this SKU" });

    expect((await api.products.list({})).items.map((p) => p.name)).toEqual(["Onboarding", "Seat licence"]);
    expect((await api.products.list({ state: "all", sort: "unitPrice", dir: "desc" })).items.map((p) => p.unitPrice)).toEqual(["1250.50", "49.99", "0.10"]);
    expect((await api.products.list({ state: "inactive" })).items.map((p) => [p.name, p.currency])).toEqual([["Support plan", "EUR"]]);
    expect((await api.products.list({ billingType: "monthly" })).items.map((p) => p.sku)).toEqual(["SEAT"]);
    expect((await api.products.list({ search: "onb" })).total).toBe(1);
    expect((await api.products.list({ search: "%" })).total).toBe(0);
    const page = await api.products.list({ state: "all", pageSize: 2, page: 2 });
    expect(page).toMatchObject({ total: 3, pageCount: 2, items: [{ name: "Support plan" }] });

    const updated = await api.products.update({ id: onboarding.id, values: { name: "Onboarding", sku: "ONB-1", unitPrice: "1300", taxRate: "0" } });
    expect(updated).toMatchObject({ unitPrice: "1300.00", taxRate: "0" });
    const audit = await api.audit.list({ action: "product.update" });
    expect(audit.items[0]).toMatchObject({ oldValues: { unitPrice: "1250.50", taxRate: "8.25" }, newValues: { unitPrice: "1300.00", taxRate: "0" } });
  });

  it("refuses bad prices, rates and names naming the field; viewers read, members cannot delete", async () => {
    const org = await createOrgWithOwner("products-bad");
    const api = callerAs(org.owner, org.slug);
    await expect(api.products.create({ name: "x", unitPrice: "12.345" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("Unit price must be a number with at most 2 decimals") });
    await expect(api.products.create({ name: "x", unitPrice: "-5" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("Unit price") });
    await expect(api.products.create({ name: "x", unitPrice: "5", taxRate: "101" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("Tax rate is at most 100") });
    await expect(api.products.create({ name: "  ", unitPrice: "5" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("Name the product") });
    await expect(api.products.create({ name: "x", unitPrice: "5", currency: "dollars" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const made = await api.products.create({ name: "Kept", unitPrice: "5" });
    const viewer = callerAs(await addMember(org, "Viewer"), org.slug);
    expect((await viewer.products.list({})).total).toBe(1);
    await expect(viewer.products.create({ name: "No", unitPrice: "1" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerAs(await addMember(org, "Member"), org.slug).products.delete({ id: made.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await api.products.delete({ id: made.id })).toEqual({ id: made.id });
    await expect(api.products.get({ id: made.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

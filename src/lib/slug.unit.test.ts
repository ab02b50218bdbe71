import { describe, expect, it } from "vitest";
import { RESERVED_SLUGS, nextFreeSlug, slugify } from "./slug";

describe("slugify", () => {
  it("lower-cases, strips accents and joins words with dashes", () => {
    expect(slugify("  Ácme Süppliers & Co. ")).toBe("acme-suppliers-co");
  });
  it("never returns an app route", () => {
    for (const reserved of ["login", "API", "Settings"]) expect(RESERVED_SLUGS.has(slugify(reserved))).toBe(false);
  });
  it("falls back when nothing usable is left", () => {
    expect(slugify("!!!")).toBe("org");
  });
  it("caps the length without a trailing dash", () => {
    const slug = slugify(`${"a".repeat(47)} b`);
    expect(slug.length).toBeLessThanOrEqual(48);
    expect(slug.endsWith("-")).toBe(false);
  });
});

describe("nextFreeSlug", () => {
  it("appends the first free number", () => {
    expect(nextFreeSlug("acme", new Set())).toBe("acme");
    expect(nextFreeSlug("acme", new Set(["acme", "acme-2"]))).toBe("acme-3");
  });
});

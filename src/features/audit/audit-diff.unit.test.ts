import { describe, expect, it } from "vitest";
import { diffValues } from "./audit-diff";

describe("diffValues", () => {
  it("lists only the fields that changed, with before and after", () => {
    expect(diffValues({ name: "Acme", tier: "standard", size: 10 }, { name: "Acme", tier: "premium", size: 12 })).toEqual([
      { field: "tier", before: "standard", after: "premium" },
      { field: "size", before: "10", after: "12" },
    ]);
  });

  it("shows a creation as new values and a deletion as old ones", () => {
    expect(diffValues(null, { name: "Acme", tags: ["a", "b"] })).toEqual([
      { field: "name", before: null, after: "Acme" },
      { field: "tags", before: null, after: '["a","b"]' },
    ]);
    expect(diffValues({ name: "Acme" }, undefined)).toEqual([{ field: "name", before: "Acme", after: null }]);
  });

  it("treats a field set to null or missing alike, and wraps plain values", () => {
    expect(diffValues({ a: null }, { b: undefined })).toEqual([]);
    expect(diffValues("draft", "sent")).toEqual([{ field: "value", before: "draft", after: "sent" }]);
  });
});

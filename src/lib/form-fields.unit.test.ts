import { describe, expect, it } from "vitest";
import { optionalDate } from "./form-fields";

describe("optionalDate", () => {
  it("keeps real days and turns blank into null", () => {
    expect(optionalDate.parse("2028-02-29")).toBe("2028-02-29");
    expect(optionalDate.parse("  ")).toBeNull();
    expect(optionalDate.parse(undefined)).toBeUndefined();
  });

  it("refuses days that do not exist instead of rolling them into the next month", () => {
    for (const day of ["2026-02-29", "2026-02-30", "2026-04-31", "2026-13-01", "0000-01-01"]) {
      const result = optionalDate.safeParse(day);
      expect(result.success, day).toBe(false);
      expect(result.error?.issues[0]?.message, day).toBe("That date does not exist");
    }
    expect(optionalDate.safeParse("31/01/2026").error?.issues[0]?.message).toBe("Use a date like 2026-01-31");
  });
});

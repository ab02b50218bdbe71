import { describe, expect, it } from "vitest";
import { BackupError } from "./manifest";
import { planMigrations } from "./migration-plan";

const m = (name: string, checksum = `sum-${name}`) => ({ name, checksum });
const code = [m("20260101_a"), m("20260102_b"), m("20260103_c")];

describe("planMigrations", () => {
  it("restores a backup taken at this code's schema as it is", () => {
    expect(planMigrations(code, code)).toEqual({ kind: "same", backup: ["20260101_a", "20260102_b", "20260103_c"] });
  });

  it("rebuilds an older backup's schema first and lists the newer migrations to run after its rows", () => {
    expect(planMigrations([m("20260101_a"), m("20260102_b")], code)).toEqual({
      kind: "older",
      backup: ["20260101_a", "20260102_b"],
      newer: ["20260103_c"],
    });
  });

  it("refuses a backup with a migration this code does not know, naming it", () => {
    const attempt = () => planMigrations([...code, m("20260104_d")], code);
    expect(attempt).toThrow(BackupError);
    expect(attempt).toThrow(/newer or different Parley.*20260104_d/);
  });

  it("refuses a backup whose migration was edited since", () => {
    expect(() => planMigrations([m("20260101_a"), m("20260102_b", "other")], code)).toThrow(/20260102_b differ from this code's copies/);
  });

  it("refuses a backup with no migrations at all", () => {
    expect(() => planMigrations([], code)).toThrow(/not taken from a migrated Parley database/);
  });
});

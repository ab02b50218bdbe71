import fc from "fast-check";
import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import { addMonths, buildSchedule, nextTerm, scheduleShortfall, scheduleTotal, splitEvenly, termMonths } from "./payment-schedule";

// Amounts up to the largest numeric(15,2), in cents.
const amount = fc.bigInt({ min: 0n, max: 999_999_999_999_999n }).map((c) => new Decimal(c.toString()).dividedBy(100).toFixed(2));
const day = fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2090-12-31T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

describe("payment schedule", () => {
  it("splits any amount into instalments that add up to it exactly, none more than a cent from another", () => {
    fc.assert(fc.property(amount, fc.integer({ min: 1, max: 120 }), (total, count) => {
      const parts = splitEvenly(total, count);
      expect(parts).toHaveLength(count);
      expect(scheduleTotal(parts.map((a) => ({ amount: a })))).toBe(new Decimal(total).toFixed(2));
      const cents = parts.map((p) => new Decimal(p).times(100).toNumber());
      expect(Math.max(...cents) - Math.min(...cents)).toBeLessThanOrEqual(1);
      expect(parts.every((p) => /^\d+\.\d{2}$/.test(p))).toBe(true);
    }));
  });

  it("builds monthly, quarterly and yearly schedules that add up, due on the same day of the month", () => {
    fc.assert(fc.property(amount, fc.integer({ min: 1, max: 36 }), day, fc.constantFrom("once", "monthly", "quarterly", "yearly" as const), (total, count, first, freq) => {
      const schedule = buildSchedule(total, count, first, freq);
      expect(scheduleShortfall(total, schedule)).toBe("0.00");
      expect(schedule[0]!.dueDate).toBe(first);
      const sorted = [...schedule].sort((a, b) => a.dueDate.localeCompare(b.dueDate));
      expect(sorted).toEqual(schedule);
    }));
  });

  it("says how far a hand-edited schedule is from the total", () => {
    expect(scheduleShortfall("1000.00", [{ amount: "333.33" }, { amount: "333.33" }, { amount: "333.33" }])).toBe("0.01");
    expect(scheduleShortfall("1000.00", [{ amount: "500" }, { amount: "500.01" }])).toBe("-0.01");
    expect(splitEvenly("1000.00", 3)).toEqual(["333.34", "333.33", "333.33"]);
    expect(splitEvenly("0.02", 3)).toEqual(["0.01", "0.01", "0.00"]);
  });

  it("adds months keeping to the last day of a shorter month", () => {
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2028-01-31", 1)).toBe("2028-02-29");
    expect(addMonths("2026-11-15", 3)).toBe("2027-02-15");
    expect(addMonths("2026-03-31", -1)).toBe("2026-02-28");
  });

  it("renews a whole-month term for as many months, and any other term for as many days", () => {
    expect(termMonths("2026-01-01", "2026-12-31")).toBe(12);
    expect(termMonths("2026-02-01", "2026-02-28")).toBe(1);
    expect(termMonths("2026-01-15", "2026-03-01")).toBeNull();
    const yearly = nextTerm("2026-01-01", "2026-12-31");
    expect([yearly.start, yearly.end, yearly.shift("2026-03-31")]).toEqual(["2027-01-01", "2027-12-31", "2027-03-31"]);
    const odd = nextTerm("2026-01-15", "2026-03-01"); // 46 days
    expect([odd.start, odd.end]).toEqual(["2026-03-02", "2026-04-16"]);
    fc.assert(fc.property(day, fc.integer({ min: 1, max: 60 }), (start, months) => {
      const end = new Date(Date.parse(`${addMonths(start, months)}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      if (termMonths(start, end) === null) return; // e.g. Jan 31 + 1 month: clamped, not a whole-month term
      const next = nextTerm(start, end);
      expect(next.start > end).toBe(true);
      expect(next.end > next.start).toBe(true);
    }));
  });
});

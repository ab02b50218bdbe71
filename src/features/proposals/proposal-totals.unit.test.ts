import fc from "fast-check";
import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import { type LineInput, lineTotals, proposalTotals } from "./proposal-totals";

// Decimal strings as forms send them: quantities to 4 places, prices to the cent, percents to 2-3 places.
const decimalString = (max: number, scale: number) =>
  fc.integer({ min: 0, max: max * 10 ** scale }).map((n) => new Decimal(n).dividedBy(10 ** scale).toFixed(scale));
const line: fc.Arbitrary<LineInput> = fc.record({
  quantity: decimalString(10_000, 4).filter((q) => Number(q) > 0),
  unitPrice: decimalString(1_000_000, 2),
  discountPercent: decimalString(100, 2),
  taxRate: decimalString(30, 3),
});
const lines = fc.array(line, { minLength: 0, maxLength: 25 });
const twoPlaces = /^-?\d+\.\d{2}$/;

describe("proposal totals", () => {
  it("always add up exactly: total = subtotal - discount + tax, and each is the sum of its lines", () => {
    fc.assert(fc.property(lines, (ls) => {
      const t = proposalTotals(ls);
      expect(new Decimal(t.subtotal).minus(t.discountAmount).plus(t.taxAmount).toFixed(2)).toBe(t.total);
      expect(t.lines.reduce((s, l) => s.plus(l.total), new Decimal(0)).toFixed(2)).toBe(t.total);
      for (const value of [t.subtotal, t.discountAmount, t.taxAmount, t.total, t.discountPercentage]) expect(value).toMatch(twoPlaces);
    }));
  });

  it("rounds each line once, half up, to within half a cent of the exact amount", () => {
    fc.assert(fc.property(line, (l) => {
      const t = lineTotals(l);
      const exactGross = new Decimal(l.quantity).times(l.unitPrice);
      expect(exactGross.minus(t.gross).abs().lte("0.005")).toBe(true);
      const exactDiscount = new Decimal(t.gross).times(l.discountPercent).dividedBy(100);
      expect(exactDiscount.minus(t.discount).abs().lte("0.005")).toBe(true);
      expect(new Decimal(t.net).equals(new Decimal(t.gross).minus(t.discount))).toBe(true);
      expect(new Decimal(t.total).equals(new Decimal(t.net).plus(t.tax))).toBe(true);
      expect(new Decimal(t.net).gte(0) && new Decimal(t.tax).gte(0)).toBe(true);
    }));
  });

  it("does not depend on the order of the lines", () => {
    fc.assert(fc.property(lines, fc.nat(), (ls, seed) => {
      const shuffled = [...ls].sort((a, b) => ((JSON.stringify(a).length * 31 + seed) % 7) - ((JSON.stringify(b).length * 31 + seed) % 7));
      const { lines: _a, ...before } = proposalTotals(ls);
      const { lines: _b, ...after } = proposalTotals(shuffled);
      expect(after).toEqual(before);
    }));
  });

  it("keeps the discount percentage between 0 and 100, and 0 for an empty proposal", () => {
    fc.assert(fc.property(lines, (ls) => {
      const pct = new Decimal(proposalTotals(ls).discountPercentage);
      expect(pct.gte(0) && pct.lte(100)).toBe(true);
    }));
    expect(proposalTotals([])).toEqual({ lines: [], subtotal: "0.00", discountAmount: "0.00", discountPercentage: "0.00", taxAmount: "0.00", total: "0.00" });
  });

  it("gets the cases floats get wrong right, rounding half up per line", () => {
    // 3 × 0.10 is 0.30000000000000004 in floats; 1.005 rounds to 1.01 here, 1.00 in floats.
    expect(lineTotals({ quantity: "3", unitPrice: "0.10", discountPercent: "0", taxRate: "0" }).total).toBe("0.30");
    expect(lineTotals({ quantity: "0.5", unitPrice: "2.01", discountPercent: "0", taxRate: "0" }).gross).toBe("1.01");
    // Two lines of 0.333… cents of tax each: rounded per line (0.00 + 0.00), not on the sum.
    const t = proposalTotals([
      { quantity: "1", unitPrice: "0.10", discountPercent: "0", taxRate: "3.333" },
      { quantity: "1", unitPrice: "0.10", discountPercent: "0", taxRate: "3.333" },
    ]);
    expect(t).toMatchObject({ subtotal: "0.20", taxAmount: "0.00", total: "0.20" });
    expect(proposalTotals([{ quantity: "12", unitPrice: "49.99", discountPercent: "15", taxRate: "8.25" }])).toMatchObject({
      subtotal: "599.88", discountAmount: "89.98", discountPercentage: "15.00", taxAmount: "42.07", total: "551.97",
    });
  });
});

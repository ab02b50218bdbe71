import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatMoney } from "@/lib/money";
import { groupDigits, pdfMoney } from "./money";
import { pdfText } from "./text";

describe("money in PDFs", () => {
  it("prints the stored digits as they are, with the currency and thousands separators", () => {
    expect(pdfMoney("59.97", "USD")).toBe("$59.97");
    expect(pdfMoney("1234567.80", "usd")).toBe("$1,234,567.80");
    expect(pdfMoney("9999999999999.99", "USD")).toBe("$9,999,999,999,999.99");
    expect(pdfMoney("-4.50", "EUR")).toBe("-€4.50");
    expect(pdfMoney("0.00", "GBP")).toBe("£0.00");
    expect(pdfMoney("1000.00", "CHF")).toBe("CHF 1,000.00");
    // Signs beyond Latin-1 print (the fonts are embedded); an unknown code is printed as it is.
    expect(pdfMoney("1500.00", "INR")).toBe("₹1,500.00");
    expect(pdfMoney("1000", "KRW")).toBe("₩1,000");
    expect(pdfMoney("1.00", "XYZ")).toBe("XYZ 1.00");
    // Never parsed: more digits than a float holds stay exact.
    expect(groupDigits("12345678901234567890.123456789")).toBe("12,345,678,901,234,567,890.123456789");
    expect(groupDigits("not a number")).toBe("not a number");
  });

  it("matches the screen's format (formatMoney) for every two-decimal amount", () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 999_999_999_999_999n }), fc.constantFrom("USD", "EUR", "GBP", "CAD", "AUD"), (cents, currency) => {
      const amount = `${cents / 100n}.${String(cents % 100n).padStart(2, "0")}`;
      expect(pdfMoney(amount, currency)).toBe(formatMoney(amount, currency));
    }), { numRuns: 300, seed: 7 });
  });
});

describe("text for the embedded fonts", () => {
  it("keeps Latin, Greek, Cyrillic and symbols as written, and replaces what no face has", () => {
    expect(pdfText("Café “quoted” — 5 € • naïve")).toBe("Café “quoted” — 5 € • naïve");
    expect(pdfText("−5 → 3 ≤ 4 ✓")).toBe("−5 → 3 ≤ 4 ✓");
    expect(pdfText("Łódź Sp. z o.o., Ørsted, Dvořák, Ελλάδα, Москва, İstanbul")).toBe("Łódź Sp. z o.o., Ørsted, Dvořák, Ελλάδα, Москва, İstanbul");
    // Decomposed accents (e + combining acute) are composed first.
    expect(pdfText("Cafe\u0301")).toBe("Café");
    expect(pdfText("漢字 🙂")).toBe("?? ?");
    expect(pdfText("a\tb\r\nc\u00a0d\u0007e")).toBe("a    b\nc\u00a0de");
  });

  it("checks a typed signature against its own face, which has fewer symbols", () => {
    expect(pdfText("Zoë Łukasiewicz", ["Parley-Signature"])).toBe("Zoë Łukasiewicz");
    expect(pdfText("✓", ["Parley-Signature"])).toBe("?");
    expect(pdfText("✓")).toBe("✓");
  });
});

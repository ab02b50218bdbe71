import { describe, expect, it } from "vitest";
import { readPdf } from "../../../test/helpers/pdf";
import { type ProposalPdfData, proposalPdfFilename, renderProposalPdf } from "./proposal-pdf";

function proposal(over: Partial<ProposalPdfData> = {}): ProposalPdfData {
  return {
    organization: { name: "Acme Analytics Inc", logoUrl: null },
    proposalNumber: "P-2026-0007", version: 3, title: "Rollout", status: "Sent", currency: "EUR",
    client: { company: "Globex", contact: "Grace Globex", email: "grace@globex.example" }, preparedBy: "Rita Rep",
    createdAt: new Date("2026-03-01T10:00:00Z"), sentAt: new Date("2026-03-02T10:00:00Z"), validUntil: "2026-04-01", updatedAt: new Date("2026-03-02T10:00:00Z"),
    answer: null, executiveSummary: null, scopeOfWork: null, customSections: [], termsAndConditions: null,
    lines: [], totals: { subtotal: "0.00", discountAmount: "0.00", discountPercentage: "0.00", taxAmount: "0.00", totalAmount: "0.00" },
    ...over,
  };
}

describe("proposal PDF renderer", () => {
  it("keeps the largest storable amounts whole on their row (set smaller, never wrapped)", async () => {
    const pdf = await readPdf(await renderProposalPdf(proposal({
      lines: [{ description: "Everything", sku: null, quantity: "99999999", unitPrice: "9999999999999.99", discountPercent: "100", taxRate: "100", totalAmount: "0.00" },
        { description: "Huge", sku: "H-1", quantity: "1", unitPrice: "9999999999999.99", discountPercent: "0", taxRate: "0", totalAmount: "9999999999999.99" }],
      totals: { subtotal: "9999999999999.99", discountAmount: "0.00", discountPercentage: "0.00", taxAmount: "0.00", totalAmount: "9999999999999.99" },
    })));
    const rows = pdf.text.split("\n");
    expect(rows).toContain("Everything 99999999 €9,999,999,999,999.99 100% 100% €0.00");
    expect(rows).toContain("Huge 1 €9,999,999,999,999.99 — — €9,999,999,999,999.99");
    expect(rows).toContain("Total €9,999,999,999,999.99");
  });

  it("prints a version without lines or sections, characters the fonts lack as '?', and the answer", async () => {
    const pdf = await readPdf(await renderProposalPdf(proposal({
      title: "Rollout für Łódź 🚀", answer: { kind: "rejected", at: new Date("2026-03-03T12:00:00Z"), reason: "Too early" },
    })));
    expect(pdf.pages).toHaveLength(1);
    expect(pdf.text).toContain("Rollout für Łódź ?");
    expect(pdf.text).toContain("No line items.");
    expect(pdf.text).toContain("Declined on Mar 3, 2026: Too early");
    expect(pdf.text).toContain("Total €0.00");
    expect(pdf.info).toMatchObject({ CreationDate: "D:20260302100000Z", Subject: "Proposal P-2026-0007 v3" });
    expect(proposalPdfFilename(proposal())).toBe("P-2026-0007-v3.pdf");
  });
});

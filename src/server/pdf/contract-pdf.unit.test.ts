import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { readPdf } from "../../../test/helpers/pdf";
import { logoPng, signaturePng } from "../../../test/helpers/png";
import { type ContractDocument, type ContractSignature, contractPdfFilename, renderContractPdf } from "./contract-pdf";

const HASH = createHash("sha256").update("the contract's content as sent for signature").digest("hex");

const client: ContractSignature = {
  party: "client", name: "Grace Globex", email: "grace@globex.example", signedAt: new Date("2026-03-20T15:04:05.000Z"),
  ip: "198.51.100.23", userAgent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) Safari/605.1.15", method: "drawn", image: signaturePng(),
};
const internal: ContractSignature = {
  party: "internal", name: "Rita Rep", email: "rita@acme.example", signedAt: new Date("2026-03-21T09:30:00.000Z"),
  ip: "203.0.113.7", userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0", method: "typed", image: null,
};

function contract(over: Partial<ContractDocument> = {}): ContractDocument {
  return {
    organization: { name: "Acme Analytics Inc", logoUrl: null },
    contractNumber: "C-2026-0001", title: "Globex analytics subscription", type: "Subscription", status: "active",
    clientName: "Globex Corporation", proposalNumber: "P-2026-0004 v2",
    startDate: "2026-04-01", endDate: "2027-03-31", autoRenew: true, renewalTerms: "Renews for 12 months unless either party gives 60 days' notice.",
    currency: "USD", totalValue: "12500.01", paymentTerms: "Net 30",
    paymentSchedule: [
      { dueDate: "2026-04-01", amount: "4166.67", description: "First third" },
      { dueDate: "2026-08-01", amount: "4166.67", description: "Second third" },
      { dueDate: "2026-12-01", amount: "4166.67", description: "Last third" },
    ],
    body: "1. Services. The provider delivers the platform.\n\n2. Fees. The customer pays the schedule.",
    documentHash: HASH,
    signatures: [client, internal],
    generatedAt: new Date("2026-03-21T09:30:01.000Z"),
    ...over,
  };
}

describe("contract PDF", () => {
  it("prints the terms, the payment schedule with its total as stored, and both signature blocks", async () => {
    const pdf = await readPdf(await renderContractPdf(contract()));
    const body = pdf.pages.slice(0, -1).map((p) => p.text).join("\n");
    for (const text of ["Globex analytics subscription", "C-2026-0001", "Subscription agreement between Acme Analytics Inc and Globex Corporation",
      "P-2026-0004 v2", "Apr 1, 2026", "Mar 31, 2027", "Renews for 12 months", "Net 30", "1. Services. The provider delivers the platform."]) {
      expect(body).toContain(text);
    }
    // Three thirds of 12,500.01 do not add up to it by float or by cents: the total row is the stored value.
    expect(body).toMatch(/Apr 1, 2026 First third \$4,166\.67/);
    expect(body).toMatch(/^Total \$12,500\.01$/m);
    expect(body).toContain("Grace Globex");
    expect(body).toContain("Signed Mar 20, 2026, 3:04 PM UTC (drawn)");
    expect(body).toContain("Rita Rep");
    expect(body).toContain("Signed Mar 21, 2026, 9:30 AM UTC (typed)");
    expect(pdf.info).toMatchObject({ Title: "Globex analytics subscription (C-2026-0001)", Author: "Acme Analytics Inc", CreationDate: "D:20260321093001Z" });
    expect(contractPdfFilename(contract())).toBe("C-2026-0001-signed.pdf");
  });

  it("prints names and amounts beyond Latin-1 as written: accents, Greek, Cyrillic, the rupee sign, a typed signature", async () => {
    const pdf = await readPdf(await renderContractPdf(contract({
      organization: { name: "Øresund Analytik ApS", logoUrl: null },
      clientName: "Łódź Logistyka Sp. z o.o.", title: "Подписка на аналитику", currency: "INR",
      signatures: [{ ...client, method: "typed", image: null, name: "Zoë Παπαδοπούλου" }, { ...internal, name: "Jiří Dvořák" }],
    })));
    for (const text of ["Øresund Analytik ApS", "Łódź Logistyka Sp. z o.o.", "Подписка на аналитику", "₹4,166.67", "₹12,500.01", "Zoë Παπαδοπούλου", "Jiří Dvořák"]) {
      expect(pdf.text).toContain(text);
    }
    expect(pdf.text).not.toContain("?");
  });

  it("with two signatures, ends with a signature certificate: hash, both signers, their IPs, agents, times and methods, and when it became active", async () => {
    const pdf = await readPdf(await renderContractPdf(contract()));
    const last = pdf.pages.at(-1)!.text;
    expect(last).toMatch(/^Signature certificate$/m);
    expect(last).toContain(`Document hash (SHA-256) ${HASH}`);
    expect(last).toContain("Contract number C-2026-0001");
    for (const s of [client, internal]) {
      expect(last).toContain(`Name ${s.name}`);
      expect(last).toContain(`Email ${s.email}`);
      expect(last).toContain(`IP address ${s.ip}`);
      expect(last).toContain(`Signed at (UTC) ${s.signedAt.toISOString()}`);
    }
    expect(last).toContain("Party Customer (Globex Corporation)");
    expect(last).toContain("Party Provider (Acme Analytics Inc)");
    expect(last).toContain("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) Safari/605.1.15");
    expect(last).toContain("Method Drawn signature");
    expect(last).toContain("Method Typed name");
    expect(last.replace(/\n/g, " ")).toContain("This contract became active on Mar 21, 2026, 9:30 AM UTC (2026-03-21T09:30:00.000Z), when both parties had signed.");
    expect(last).toMatch(new RegExp(`Page ${pdf.pages.length} of ${pdf.pages.length}`));
  });

  it("embeds the drawn signature as an image; a typed one is text only", async () => {
    const drawn = await readPdf(await renderContractPdf(contract()));
    expect(drawn.pages.reduce((n, p) => n + p.images, 0)).toBe(1);
    const typed = await readPdf(await renderContractPdf(contract({ signatures: [{ ...client, method: "typed", image: null }, internal] })));
    expect(typed.pages.reduce((n, p) => n + p.images, 0)).toBe(0);
    // A broken "drawn" image falls back to the typed name instead of failing the PDF.
    const broken = await readPdf(await renderContractPdf(contract({ signatures: [{ ...client, image: Buffer.from("not a png") }] })));
    expect(broken.pages.reduce((n, p) => n + p.images, 0)).toBe(0);
    expect(broken.text).toContain("Grace Globex");
  });

  it("without signatures: empty lines to sign on, no certificate; with one party only: no 'became active'", async () => {
    const unsigned = await readPdf(await renderContractPdf(contract({ status: "pending_signature", signatures: [], documentHash: null })));
    expect(unsigned.text).not.toContain("Signature certificate");
    expect(unsigned.pages[0]!.text).toContain("Pending signature");
    expect(unsigned.text).toMatch(/^Name Name$/m);
    const half = await readPdf(await renderContractPdf(contract({ status: "pending_signature", signatures: [client] })));
    expect(half.pages.at(-1)!.text).toContain("Signature certificate");
    expect(half.text).not.toContain("became active");
  });

  it("shows the organization's logo when it can be read, its name when not; same data, same bytes", async () => {
    const withLogo = contract({ organization: { name: "Acme Analytics Inc", logoUrl: `data:image/png;base64,${logoPng().toString("base64")}` }, signatures: [] });
    const pdf = await readPdf(await renderContractPdf(withLogo));
    expect(pdf.pages[0]!.images).toBe(1);
    expect(pdf.pages[0]!.text.split("\n")[0]).toBe("Contract");
    const noLogo = await readPdf(await renderContractPdf(contract({ organization: { name: "Acme Analytics Inc", logoUrl: "data:text/html,<b>hi</b>" }, signatures: [] })));
    expect(noLogo.pages[0]!.images).toBe(0);
    expect(noLogo.pages[0]!.text.split("\n")[0]).toBe("Acme Analytics Inc Contract");
    const [a, b] = await Promise.all([renderContractPdf(contract()), renderContractPdf(contract())]);
    expect(a.equals(b)).toBe(true);
  });

  it("paginates a long contract: every page numbered, the certificate on its own page", async () => {
    const body = Array.from({ length: 60 }, (_, i) => `${i + 1}. Clause ${i + 1}. ${"The parties agree to act in good faith. ".repeat(6)}`).join("\n\n");
    const pdf = await readPdf(await renderContractPdf(contract({ body })));
    const n = pdf.pages.length;
    expect(n).toBeGreaterThan(3);
    pdf.pages.forEach((p, i) => expect(p.text).toContain(`Page ${i + 1} of ${n}`));
    expect(pdf.text).toContain("60. Clause 60.");
    expect(pdf.pages.at(-1)!.text).toMatch(/^Signature certificate$/m);
    expect(pdf.pages.at(-2)!.text).not.toContain("Signature certificate");
  });
});

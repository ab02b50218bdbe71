// Renders a sample proposal and a signed contract, as PDFs and as one PNG per page, to look at
// the layout after a change: `npx tsx scripts/pdf-samples.ts [folder]` (default /tmp/pdf-samples).
// Development only: it uses pdf.js (a dev dependency) to draw the pages.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { type ContractDocument, renderContractPdf } from "../src/server/pdf/contract-pdf";
import { renderProposalPdf } from "../src/server/pdf/proposal-pdf";
import { renderPdfPages } from "../test/helpers/pdf";
import { logoPng, signaturePng } from "../test/helpers/png";

const out = path.resolve(process.argv[2] ?? "/tmp/pdf-samples");
await mkdir(out, { recursive: true });
const logoUrl = `data:image/png;base64,${logoPng().toString("base64")}`;

const proposal = await renderProposalPdf({
  organization: { name: "Acme Analytics Inc", logoUrl },
  proposalNumber: "P-2026-0004", version: 2, title: "Globex rollout, phase 1", status: "Accepted", currency: "USD",
  client: { company: "Globex Corporation", contact: "Grace Globex", email: "grace@globex.example" }, preparedBy: "Rita Rep",
  createdAt: new Date("2026-03-01T10:00:00Z"), sentAt: new Date("2026-03-02T09:15:00Z"), validUntil: "2026-04-01", updatedAt: new Date("2026-03-05T16:20:00Z"),
  answer: { kind: "accepted", by: "Grace Globex", at: new Date("2026-03-05T16:20:00Z") },
  executiveSummary: "Globex moves its sales team of 25 to Parley in six weeks, with its pipeline, contacts and five years of history.\n\nWe run the migration, train every rep and stay on call for the first month.",
  scopeOfWork: "Week 1-2: data mapping and import of companies, contacts and deals.\nWeek 3-4: pipeline design, approval rules and proposal templates.\nWeek 5-6: training (two sessions per team) and go-live support.",
  customSections: [{ title: "Team", body: "Two consultants (a solution architect and a data engineer) and a project manager." }],
  termsAndConditions: "Prices exclude travel. Invoices are payable within 30 days. Licences renew yearly unless cancelled 60 days before renewal. "
    + "Either party may end the services with 30 days' written notice; fees for work delivered remain due.",
  lines: [
    { description: "Implementation", sku: "IMPL-STD", quantity: "1", unitPrice: "4500.00", discountPercent: "0", taxRate: "8.25", totalAmount: "4871.25" },
    { description: "Seat licence (annual)", sku: "SEAT-Y", quantity: "25", unitPrice: "49.99", discountPercent: "0", taxRate: "0", totalAmount: "1249.75" },
    { description: "Custom integration with the Globex ERP (orders, invoices and customer master data, both ways)", sku: null, quantity: "1", unitPrice: "3000.00", discountPercent: "60", taxRate: "0", totalAmount: "1200.00" },
    { description: "Training day", sku: "TRAIN-D", quantity: "3", unitPrice: "19.99", discountPercent: "7.5", taxRate: "8.25", totalAmount: "60.05" },
  ],
  totals: { subtotal: "8809.72", discountAmount: "1804.50", discountPercentage: "20.48", taxAmount: "375.83", totalAmount: "7381.05" },
});

const contractDocument: ContractDocument = {
  organization: { name: "Acme Analytics Inc", logoUrl },
  contractNumber: "C-2026-0001", title: "Globex analytics subscription", type: "Subscription", status: "active", clientName: "Globex Corporation",
  proposalNumber: "P-2026-0004 v2", startDate: "2026-04-01", endDate: "2027-03-31", autoRenew: true,
  renewalTerms: "Renews for successive 12-month terms unless either party gives 60 days' written notice before the end of the current term.",
  currency: "USD", totalValue: "12500.00", paymentTerms: "Net 30 from invoice",
  paymentSchedule: [
    { dueDate: "2026-04-01", amount: "6250.00", description: "First half, on signature" },
    { dueDate: "2026-10-01", amount: "6250.00", description: "Second half" },
  ],
  body: [
    "1. Services. The provider delivers the Parley platform and the services described in proposal P-2026-0004 v2.",
    "2. Fees. The customer pays the fees in the payment schedule; late amounts bear interest at 1% a month.",
    "3. Confidentiality. Each party keeps the other's confidential information confidential and uses it only for this contract.",
    "4. Data protection. The provider processes personal data only on the customer's instructions, under the data processing agreement attached.",
    "5. Liability. Neither party is liable for indirect damages; each party's total liability is capped at the fees paid in the twelve months before the claim.",
    "6. Term and termination. This contract runs for the term above; either party may end it for a material breach not cured within 30 days of notice.",
  ].join("\n\n"),
  documentHash: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
  signatures: [
    { party: "client", name: "Grace Globex", email: "grace@globex.example", signedAt: new Date("2026-03-20T15:04:05Z"), ip: "198.51.100.23",
      userAgent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15", method: "drawn", image: signaturePng() },
    { party: "internal", name: "Rita Rep", email: "rita@acme.example", signedAt: new Date("2026-03-21T09:30:00Z"), ip: "203.0.113.7",
      userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36", method: "typed", image: null },
  ],
  generatedAt: new Date("2026-03-21T09:30:01Z"),
};
const contract = await renderContractPdf(contractDocument);
const unsigned = await renderContractPdf({ ...contractDocument, status: "pending_signature", signatures: [] });

for (const [name, pdf] of [["proposal", proposal], ["contract-signed", contract], ["contract-unsigned", unsigned]] as const) {
  await writeFile(path.join(out, `${name}.pdf`), pdf);
  const pages = await renderPdfPages(pdf);
  await Promise.all(pages.map((png, i) => writeFile(path.join(out, `${name}-page${i + 1}.png`), png)));
  console.log(`${name}: ${pages.length} page(s) → ${out}/${name}-page*.png`);
}

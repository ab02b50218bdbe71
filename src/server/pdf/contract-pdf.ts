// A contract as a PDF: its terms, payment schedule and signature blocks and, once anyone has
// signed, a signature certificate page (who, when, from where, and the signed content's hash).
// The caller builds a ContractDocument from the database; amounts are the stored decimal
// strings and are printed as they are.
import { formatDateTime, formatIsoDay } from "@/lib/dates";
import { drawFacts, drawHeading, drawNote, drawParagraphs, drawTitle } from "./blocks";
import { drawCertificate } from "./certificate";
import { createPdf } from "./document";
import { drawFooters } from "./footer";
import { drawHeader } from "./header";
import { type LogoOptions, loadLogo } from "./logo";
import { pdfMoney } from "./money";
import { type SignatureBlock, drawSignatureBlocks } from "./signature";
import { drawTable } from "./table";

export interface ContractSignature {
  party: "client" | "internal";
  name: string;             // typed full name of the signer
  email: string | null;
  signedAt: Date;
  ip: string | null;
  userAgent: string | null;
  method: "typed" | "drawn";
  image: Buffer | null;     // PNG of the drawn signature when method is "drawn"
}

export interface ContractDocument {
  organization: { name: string; logoUrl: string | null };
  contractNumber: string;   // e.g. C-2026-0001
  title: string;
  type: string;             // e.g. "Subscription", "Services"
  status: string;           // draft | pending_signature | active | expired | terminated | renewed
  clientName: string | null;        // the customer company
  proposalNumber: string | null;    // e.g. "P-2026-0004 v2" when made from a proposal
  startDate: string;        // YYYY-MM-DD
  endDate: string | null;
  autoRenew: boolean;
  renewalTerms: string | null;
  currency: string;
  totalValue: string;       // decimal string as stored, e.g. "12500.00"
  paymentTerms: string | null;
  paymentSchedule: { dueDate: string; amount: string; description: string }[];
  body: string | null;      // the contract's terms text
  documentHash: string | null;  // sha256 hex of the signed content, fixed when sent for signature
  signatures: ContractSignature[];
  /**
   * Set on a renewal the renewal job made: the contract it renews, whose signed renewal terms
   * are what this one rests on (it has no signatures of its own).
   */
  renewal?: { renewedContractNumber: string; renewedDocumentHash: string | null; activatedAt: Date | null } | null;
  generatedAt: Date;
}

export interface ContractRenderOptions {
  logo?: LogoOptions;
}

const STATUS_LABELS: Record<string, string> = {
  draft: "Draft", pending_signature: "Pending signature", active: "Active", expired: "Expired", terminated: "Terminated", renewed: "Renewed",
};
const statusLabel = (s: string) => STATUS_LABELS[s] ?? s.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());

const ROLE = { client: "Customer", internal: "Provider" } as const;

export function contractPdfFilename(doc: Pick<ContractDocument, "contractNumber" | "signatures">) {
  return `${doc.contractNumber}${doc.signatures.length ? "-signed" : ""}.pdf`.replace(/[^A-Za-z0-9._-]/g, "_");
}

/** When the contract became active: the moment the second party first signed (both must have). */
function activeAt(signatures: ContractSignature[]): Date | null {
  const first = (party: ContractSignature["party"]) =>
    signatures.filter((s) => s.party === party).map((s) => s.signedAt.getTime()).sort((a, b) => a - b)[0];
  const client = first("client");
  const internal = first("internal");
  return client === undefined || internal === undefined ? null : new Date(Math.max(client, internal));
}

export async function renderContractPdf(doc: ContractDocument, options: ContractRenderOptions = {}): Promise<Buffer> {
  const logo = await loadLogo(doc.organization.logoUrl, options.logo);
  const money = (amount: string) => pdfMoney(amount, doc.currency);
  const customer = doc.clientName ?? "The customer";
  const { doc: pdf, bytes } = createPdf({
    title: `${doc.title} (${doc.contractNumber})`,
    subject: `Contract ${doc.contractNumber}`,
    author: doc.organization.name,
    createdAt: doc.generatedAt,
  });

  drawHeader(pdf, { organizationName: doc.organization.name, logo, kind: "Contract", reference: [doc.contractNumber, statusLabel(doc.status)] });
  drawTitle(pdf, doc.title, `${doc.type} agreement between ${doc.organization.name} and ${customer}`);

  drawHeading(pdf, "Parties");
  drawFacts(pdf, [
    { label: "Provider", value: doc.organization.name },
    { label: "Customer", value: doc.clientName },
    { label: "Made from proposal", value: doc.proposalNumber },
  ]);

  drawHeading(pdf, "Term");
  drawFacts(pdf, [
    { label: "Start date", value: formatIsoDay(doc.startDate) },
    { label: "End date", value: doc.endDate ? formatIsoDay(doc.endDate) : "Open-ended" },
    { label: "Automatic renewal", value: doc.autoRenew ? "Yes" : "No" },
  ]);
  if (doc.renewalTerms?.trim()) {
    drawHeading(pdf, "Renewal terms", 30);
    drawParagraphs(pdf, doc.renewalTerms);
  }

  drawHeading(pdf, "Value and payment");
  drawFacts(pdf, [
    { label: "Total contract value", value: money(doc.totalValue) },
    { label: "Currency", value: doc.currency },
    { label: "Payment terms", value: doc.paymentTerms },
  ]);
  if (doc.paymentSchedule.length) {
    drawHeading(pdf, "Payment schedule", 70);
    drawTable(pdf, [
      { header: "Due date", width: 18, noWrap: true },
      { header: "Description", width: 57 },
      { header: "Amount", width: 25, align: "right", noWrap: true },
    ], [
      ...doc.paymentSchedule.map((p) => ({ cells: [formatIsoDay(p.dueDate), p.description, money(p.amount)] })),
      { cells: ["Total", "", money(doc.totalValue)], total: true },
    ]);
    pdf.moveDown(1.2);
  }

  if (doc.body?.trim()) {
    drawHeading(pdf, "Terms");
    drawParagraphs(pdf, doc.body);
  }

  if (doc.renewal && !doc.signatures.length) {
    // Blank lines to sign on would suggest a renewal still needs signatures; it needs none.
    const r = doc.renewal;
    drawHeading(pdf, "Renewal", 60);
    drawNote(pdf, `This contract renews ${r.renewedContractNumber} under the automatic renewal terms both parties signed there`
      + `${r.activatedAt ? `, and took effect on ${formatDateTime(r.activatedAt)}` : ""}, without new signatures.`
      + `${r.renewedDocumentHash ? ` Document hash (SHA-256) of the signed ${r.renewedContractNumber}: ${r.renewedDocumentHash}.` : ""}`);
  } else {
    const blocks = (["client", "internal"] as const).flatMap((party): SignatureBlock[] => {
      const partyName = party === "client" ? customer : doc.organization.name;
      const signed = doc.signatures.filter((s) => s.party === party);
      return signed.length ? signed.map((signature) => ({ role: ROLE[party], partyName, signature })) : [{ role: ROLE[party], partyName, signature: null }];
    });
    drawHeading(pdf, "Signatures", 140);
    drawSignatureBlocks(pdf, blocks);
  }

  if (doc.signatures.length) {
    drawCertificate(pdf, {
      title: doc.title,
      number: doc.contractNumber,
      documentHash: doc.documentHash,
      generatedAt: doc.generatedAt,
      activeAt: activeAt(doc.signatures),
      signers: doc.signatures.map((s) => ({ ...s, role: ROLE[s.party], partyName: s.party === "client" ? customer : doc.organization.name })),
    });
  }

  drawFooters(pdf, `${doc.organization.name} · Contract ${doc.contractNumber} · ${doc.title}`);
  pdf.end();
  return bytes;
}

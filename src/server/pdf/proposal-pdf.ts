// One proposal version as a PDF. Every amount is the stored decimal string (what the editor
// computed with proposal-totals.ts and the database holds), printed as it is: nothing here
// adds, multiplies or rounds money.
import { formatDate, formatIsoDay } from "@/lib/dates";
import { drawFacts, drawHeading, drawNote, drawParagraphs, drawTitle, drawTotals, totalsHeight } from "./blocks";
import { createPdf } from "./document";
import { drawFooters } from "./footer";
import { drawHeader } from "./header";
import { type LogoOptions, loadLogo } from "./logo";
import { pdfMoney } from "./money";
import { type Column, drawTable } from "./table";

export interface ProposalPdfLine {
  description: string;
  sku: string | null;
  /** Decimal strings as stored and shown ("3", "19.99", "7.5", "8.25", "59.67"). */
  quantity: string;
  unitPrice: string;
  discountPercent: string;
  taxRate: string;
  totalAmount: string;
}

export interface ProposalPdfData {
  organization: { name: string; logoUrl: string | null };
  proposalNumber: string;
  version: number;
  title: string;
  /** As people read it: "Sent", "Accepted". */
  status: string;
  currency: string;
  client: { company: string | null; contact: string | null; email: string | null };
  preparedBy: string | null;
  createdAt: Date;
  sentAt: Date | null;
  /** YYYY-MM-DD. */
  validUntil: string | null;
  /** The version's last change: the PDF's creation date, so the same version gives the same file. */
  updatedAt: Date;
  answer: { kind: "accepted"; by: string | null; at: Date } | { kind: "rejected"; at: Date; reason: string | null } | null;
  executiveSummary: string | null;
  scopeOfWork: string | null;
  customSections: { title: string; body: string }[];
  termsAndConditions: string | null;
  lines: ProposalPdfLine[];
  totals: { subtotal: string; discountAmount: string; discountPercentage: string; taxAmount: string; totalAmount: string };
}

export interface RenderOptions {
  logo?: LogoOptions;
}

const COLUMNS: Column[] = [
  { header: "Description", width: 38 },
  { header: "Qty", width: 9, align: "right", noWrap: true },
  { header: "Unit price", width: 16, align: "right", noWrap: true },
  { header: "Discount", width: 10, align: "right", noWrap: true },
  { header: "Tax", width: 9, align: "right", noWrap: true },
  { header: "Amount", width: 18, align: "right", noWrap: true },
];

/** As the screen shows a line's percent: "—" for none. */
const percent = (value: string) => (value === "0" ? "—" : `${value}%`);

export function proposalPdfFilename(p: Pick<ProposalPdfData, "proposalNumber" | "version">) {
  return `${p.proposalNumber}-v${p.version}.pdf`.replace(/[^A-Za-z0-9._-]/g, "_");
}

export async function renderProposalPdf(data: ProposalPdfData, options: RenderOptions = {}): Promise<Buffer> {
  const logo = await loadLogo(data.organization.logoUrl, options.logo);
  const money = (amount: string) => pdfMoney(amount, data.currency);
  const reference = `${data.proposalNumber} v${data.version}`;
  const { doc, bytes } = createPdf({
    title: `${data.title} (${reference})`,
    subject: `Proposal ${reference}`,
    author: data.organization.name,
    createdAt: data.updatedAt,
  });

  drawHeader(doc, { organizationName: data.organization.name, logo, kind: "Proposal", reference: [data.proposalNumber, `Version ${data.version}`] });
  drawTitle(doc, data.title, data.client.company ? `Prepared for ${data.client.company}` : null);
  drawFacts(doc, [
    { label: "Client", value: data.client.company },
    { label: "Contact", value: [data.client.contact, data.client.email].filter(Boolean).join("\n") || null },
    { label: "Prepared by", value: data.preparedBy ? `${data.preparedBy}\n${data.organization.name}` : data.organization.name },
    { label: "Status", value: data.status },
    { label: "Created", value: formatDate(data.createdAt) },
    { label: "Sent", value: data.sentAt ? formatDate(data.sentAt) : null },
    { label: "Valid until", value: data.validUntil ? formatIsoDay(data.validUntil) : null },
    { label: "Currency", value: data.currency },
  ], 4);

  if (data.answer?.kind === "accepted") {
    drawNote(doc, `Accepted${data.answer.by ? ` by ${data.answer.by}` : ""} on ${formatDate(data.answer.at)}.`);
  } else if (data.answer?.kind === "rejected") {
    drawNote(doc, `Declined on ${formatDate(data.answer.at)}${data.answer.reason ? `: ${data.answer.reason}` : "."}`);
  }

  const sections = [
    ["Executive summary", data.executiveSummary] as const,
    ["Scope of work", data.scopeOfWork] as const,
    ...data.customSections.map((s) => [s.title, s.body] as const),
  ];
  for (const [title, body] of sections) {
    if (!body?.trim()) continue;
    drawHeading(doc, title);
    drawParagraphs(doc, body);
  }

  drawHeading(doc, "Pricing", 70);
  const totals = [
    { label: "Subtotal", value: money(data.totals.subtotal) },
    { label: `Discount (${data.totals.discountPercentage}%)`, value: `-${money(data.totals.discountAmount)}` },
    { label: "Tax", value: money(data.totals.taxAmount) },
    { label: "Total", value: money(data.totals.totalAmount), strong: true },
  ];
  if (data.lines.length) {
    drawTable(doc, COLUMNS, data.lines.map((l) => ({
      cells: [{ text: l.description, note: l.sku }, l.quantity, money(l.unitPrice), percent(l.discountPercent), percent(l.taxRate), money(l.totalAmount)],
    })), { keepWithLast: totalsHeight(totals.length) });
  } else {
    drawParagraphs(doc, "No line items.");
  }
  drawTotals(doc, totals);

  if (data.termsAndConditions?.trim()) {
    drawHeading(doc, "Terms and conditions");
    drawParagraphs(doc, data.termsAndConditions);
  }

  drawFooters(doc, `${data.organization.name} · Proposal ${reference} · ${data.title}`);
  doc.end();
  return bytes;
}

// The signature certificate: the page that says who signed, when, from where, and which exact
// content they signed (its SHA-256 hash). It starts on a page of its own.
import { formatDateTime } from "@/lib/dates";
import { drawHeading, drawNote, drawTitle } from "./blocks";
import { COLOR, type Doc, FONT, contentWidth, ensureSpace, left, style } from "./document";
import { ascentRatio } from "./fonts";
import { pdfText } from "./text";

export interface CertificateSigner {
  /** "Customer", "Provider". */
  role: string;
  partyName: string;
  name: string;
  email: string | null;
  signedAt: Date;
  ip: string | null;
  userAgent: string | null;
  method: "typed" | "drawn";
}

export interface CertificateInput {
  title: string;
  number: string;
  documentHash: string | null;
  generatedAt: Date;
  signers: CertificateSigner[];
  /** When the last party signed (both have): the contract became active then. */
  activeAt: Date | null;
}

const LABEL_WIDTH = 140;
/** The hash's 64 hex digits fit one line at this size beside the labels. */
const MONO_SIZE = 8.5;
const PAD = 10;

/** Label and value rows; `mono` values print in the monospaced face (hashes, addresses). */
type Line = { label: string; value: string; mono?: boolean };

const valueText = (l: Line) => (l.mono ? pdfText(l.value, [FONT.mono]) : pdfText(l.value));

function measure(doc: Doc, lines: Line[], width: number): number[] {
  return lines.map((l) => {
    style(doc, FONT.bold, 8.5);
    const label = doc.heightOfString(pdfText(l.label), { width: LABEL_WIDTH - 10 });
    style(doc, l.mono ? FONT.mono : FONT.regular, l.mono ? MONO_SIZE : 9.5);
    return Math.max(12, label, doc.heightOfString(valueText(l), { width: width - LABEL_WIDTH, lineGap: 1 })) + 5;
  });
}

function drawLines(doc: Doc, lines: Line[], x: number, y: number, width: number, heights: number[]) {
  lines.forEach((l, i) => {
    // Label and value share a baseline (text is placed by its top, and the fonts differ).
    const valueAscent = l.mono ? MONO_SIZE * ascentRatio(FONT.mono) : 9.5 * ascentRatio(FONT.regular);
    style(doc, FONT.bold, 8.5, COLOR.muted).text(pdfText(l.label), x, y + valueAscent - 8.5 * ascentRatio(FONT.bold), { width: LABEL_WIDTH - 10 });
    style(doc, l.mono ? FONT.mono : FONT.regular, l.mono ? MONO_SIZE : 9.5).text(valueText(l), x + LABEL_WIDTH, y, { width: width - LABEL_WIDTH, lineGap: 1 });
    y += heights[i]!;
  });
}

/** A framed group of lines, kept on one page. */
function drawBox(doc: Doc, title: string, lines: Line[]) {
  const width = contentWidth(doc);
  const inner = width - 2 * PAD;
  const heights = measure(doc, lines, inner);
  const height = PAD + 16 + heights.reduce((a, b) => a + b, 0) + PAD - 5;
  ensureSpace(doc, height);
  const top = doc.y;
  doc.save().roundedRect(left(doc), top, width, height, 3).lineWidth(0.75).strokeColor(COLOR.rule).stroke().restore();
  style(doc, FONT.bold, 10.5).text(pdfText(title), left(doc) + PAD, top + PAD, { width: inner });
  drawLines(doc, lines, left(doc) + PAD, top + PAD + 16, inner, heights);
  doc.x = left(doc);
  doc.y = top + height + 12;
}

const when = (d: Date) => `${d.toISOString()}  (${formatDateTime(d)})`;

export function drawCertificate(doc: Doc, input: CertificateInput) {
  doc.addPage();
  drawTitle(doc, "Signature certificate", `${input.title} · ${input.number}`);

  const width = contentWidth(doc);
  const documentLines: Line[] = [
    { label: "Document", value: input.title },
    { label: "Contract number", value: input.number },
    { label: "Document hash (SHA-256)", value: input.documentHash ?? "Not recorded", mono: input.documentHash !== null },
    { label: "Certificate generated", value: when(input.generatedAt) },
  ];
  const heights = measure(doc, documentLines, width);
  ensureSpace(doc, heights.reduce((a, b) => a + b, 0));
  const top = doc.y;
  drawLines(doc, documentLines, left(doc), top, width, heights);
  doc.x = left(doc);
  doc.y = top + heights.reduce((a, b) => a + b, 0);
  doc.moveDown(0.6);
  style(doc, FONT.regular, 8.5, COLOR.muted).text(
    "The document hash is the SHA-256 digest of the contract's content, fixed when it was sent for signature. "
      + "The same content always gives the same hash; any change to it gives a different one.",
    left(doc), doc.y, { width },
  );
  doc.moveDown(1.5);

  drawHeading(doc, "Signers", 140);
  for (const s of input.signers) {
    drawBox(doc, `${s.role}: ${s.partyName}`, [
      { label: "Party", value: `${s.role} (${s.partyName})` },
      { label: "Name", value: s.name },
      { label: "Email", value: s.email ?? "Not recorded" },
      { label: "Signed at (UTC)", value: s.signedAt.toISOString(), mono: true },
      { label: "Signed at", value: formatDateTime(s.signedAt) },
      { label: "IP address", value: s.ip ?? "Not recorded", mono: s.ip !== null },
      { label: "User agent", value: s.userAgent ?? "Not recorded" },
      { label: "Method", value: s.method === "drawn" ? "Drawn signature" : "Typed name" },
    ]);
  }

  if (input.activeAt) {
    doc.moveDown(0.4);
    drawNote(doc, `This contract became active on ${formatDateTime(input.activeAt)} (${input.activeAt.toISOString()}), when both parties had signed.`);
  }
}

// One PDF document as every Parley PDF starts: US Letter, Parley's embedded fonts, pages
// kept in memory until the end (so the footer can say "Page x of y"), and document info taken
// from the data, so the same data renders the same bytes.
import PDFDocument from "pdfkit";
import { FACES, type FaceName, fontFile } from "./fonts";
import { pdfText } from "./text";

export type Doc = PDFKit.PDFDocument;

export const FONT = {
  regular: "Parley-Sans",
  bold: "Parley-Sans-Bold",
  /** A typed signature. */
  signature: "Parley-Signature",
  mono: "Parley-Mono",
} as const satisfies Record<string, FaceName>;

export const COLOR = {
  text: "#0f172a",
  muted: "#64748b",
  rule: "#cbd5e1",
  faint: "#e2e8f0",
  fill: "#f1f5f9",
  accent: "#1e40af",
} as const;

export const MARGIN = { top: 54, bottom: 72, left: 54, right: 54 } as const;

export interface PdfInfo {
  title: string;
  subject: string;
  author: string;
  /** When the content was last changed (never "now"): the same data gives the same file. */
  createdAt: Date;
}

/** A new document and the promise of its bytes (resolved after `doc.end()`). */
export function createPdf(info: PdfInfo): { doc: Doc; bytes: Promise<Buffer> } {
  const doc = new PDFDocument({
    size: "LETTER",
    margins: { ...MARGIN },
    bufferPages: true,
    autoFirstPage: true,
    lang: "en-US",
    displayTitle: true,
    info: {
      Title: pdfText(info.title),
      Subject: pdfText(info.subject),
      Author: pdfText(info.author),
      Creator: "Parley",
      Producer: "Parley",
      CreationDate: info.createdAt,
      ModDate: info.createdAt,
    },
  });
  const chunks: Buffer[] = [];
  const bytes = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  for (const face of Object.keys(FACES) as FaceName[]) doc.registerFont(face, fontFile(face));
  doc.font(FONT.regular).fontSize(10).fillColor(COLOR.text);
  return { doc, bytes };
}

export const left = (doc: Doc) => doc.page.margins.left;
export const contentWidth = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;
/** The lowest y content may reach on this page (the footer lives below it). */
export const bottom = (doc: Doc) => doc.page.height - doc.page.margins.bottom;

/** Starts a new page unless `height` points still fit below the cursor. */
export function ensureSpace(doc: Doc, height: number) {
  if (doc.y + height > bottom(doc)) doc.addPage();
  doc.x = left(doc);
}

/** An image read once (throws when pdfkit cannot read it), to measure before placing it. */
export interface OpenedImage { width: number; height: number }

/** pdfkit's `openImage` (public, but missing from its type definitions). */
export function openImage(doc: Doc, data: Buffer): OpenedImage {
  return (doc as unknown as { openImage(src: Buffer): OpenedImage }).openImage(data);
}

/** Places an image opened with `openImage` at x, y with the given size. */
export function placeImage(doc: Doc, image: OpenedImage, x: number, y: number, width: number, height: number) {
  doc.image(image as unknown as Buffer, x, y, { width, height });
}

/** Sets font, size and colour in one go. */
export function style(doc: Doc, font: string, size: number, color: string = COLOR.text): Doc {
  return doc.font(font).fontSize(size).fillColor(color);
}

/** The size (down to `min`, in tenths) at which `text` fits `width` on one line in `font`. */
export function fitFontSize(doc: Doc, text: string, font: string, size: number, width: number, min: number): number {
  style(doc, font, size);
  const natural = doc.widthOfString(text);
  return natural <= width ? size : Math.max(min, Math.floor((size * width * 10) / natural) / 10);
}

/** A thin horizontal rule across the content width at the cursor. */
export function rule(doc: Doc, y = doc.y, color: string = COLOR.rule) {
  doc.save().moveTo(left(doc), y).lineTo(left(doc) + contentWidth(doc), y).lineWidth(0.75).strokeColor(color).stroke().restore();
}

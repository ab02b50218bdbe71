// Signature blocks at the end of a contract: one per party, side by side, each with the drawn
// signature (or the typed name in a script-like italic), the signer's name and when they signed;
// an empty line to sign on for a party that has not signed yet.
import { formatDateTime } from "@/lib/dates";
import { COLOR, type Doc, FONT, contentWidth, ensureSpace, fitFontSize, left, openImage, placeImage, style } from "./document";
import { ascentRatio } from "./fonts";
import { imageFormat } from "./logo";
import { pdfText } from "./text";

export interface SignatureBlock {
  /** "Customer", "Provider". */
  role: string;
  /** Who signs for that party: the company, the organization. */
  partyName: string;
  signature: { name: string; email: string | null; signedAt: Date; method: "typed" | "drawn"; image: Buffer | null } | null;
}

const BLOCK_HEIGHT = 132;
const SIGN_AREA = 50;
const GUTTER = 28;

/** The drawn signature scaled into the area, bottom-aligned on the line; false when it cannot be drawn. */
function drawImage(doc: Doc, image: Buffer, x: number, lineY: number, width: number): boolean {
  if (imageFormat(image) === null) return false;
  try {
    const img = openImage(doc, image);
    const scale = Math.min((width - 8) / img.width, (SIGN_AREA - 6) / img.height, 1);
    const w = img.width * scale;
    const h = img.height * scale;
    placeImage(doc, img, x + 4, lineY - 3 - h, w, h);
    return true;
  } catch {
    return false;
  }
}

function drawBlock(doc: Doc, block: SignatureBlock, x: number, top: number, width: number) {
  style(doc, FONT.bold, 7.5, COLOR.muted).text(pdfText(block.role.toUpperCase()), x, top, { width, characterSpacing: 0.3 });
  style(doc, FONT.bold, 10).text(pdfText(block.partyName), x, doc.y + 2, { width, height: 26, ellipsis: true });
  const lineY = top + 34 + SIGN_AREA;
  const s = block.signature;
  if (s) {
    const drawn = s.method === "drawn" && s.image ? drawImage(doc, s.image, x, lineY, width) : false;
    if (!drawn) {
      // A long name is set smaller rather than cut: a signature is read whole.
      const name = pdfText(s.name, [FONT.signature]);
      const size = fitFontSize(doc, name, FONT.signature, 24, width - 12, 10);
      style(doc, FONT.signature, size).text(name, x + 4, lineY - 30 + (24 - size) * ascentRatio(FONT.signature), { width: width - 8, lineBreak: false, height: size * 1.3, ellipsis: true });
    }
  }
  doc.save().moveTo(x, lineY).lineTo(x + width, lineY).lineWidth(0.75).strokeColor(COLOR.text).stroke().restore();
  if (s) {
    style(doc, FONT.regular, 10).text(pdfText(s.name), x, lineY + 6, { width, lineBreak: false, height: 12, ellipsis: true });
    style(doc, FONT.regular, 8.5, COLOR.muted).text(pdfText(`Signed ${formatDateTime(s.signedAt)}${s.method === "drawn" ? " (drawn)" : " (typed)"}`), x, doc.y + 2, { width, lineBreak: false });
    if (s.email) doc.text(pdfText(s.email), x, doc.y + 1, { width, lineBreak: false, height: 10, ellipsis: true });
  } else {
    style(doc, FONT.regular, 8.5, COLOR.muted).text("Name", x, lineY + 6, { width });
    doc.text("Date", x, lineY + 30, { width });
    doc.save().moveTo(x + 30, lineY + 38).lineTo(x + width, lineY + 38).lineWidth(0.5).strokeColor(COLOR.rule).stroke().restore();
  }
}

export function drawSignatureBlocks(doc: Doc, blocks: SignatureBlock[]) {
  const width = (contentWidth(doc) - GUTTER) / 2;
  for (let i = 0; i < blocks.length; i += 2) {
    ensureSpace(doc, BLOCK_HEIGHT);
    const top = doc.y;
    blocks.slice(i, i + 2).forEach((block, j) => drawBlock(doc, block, left(doc) + j * (width + GUTTER), top, width));
    doc.x = left(doc);
    doc.y = top + BLOCK_HEIGHT;
  }
  style(doc, FONT.regular, 10);
}

// The first page's header: the organization's logo (or its name when there is no usable logo)
// on the left, what the document is and its reference on the right, a rule beneath.
import { COLOR, type Doc, FONT, contentWidth, left, openImage, placeImage, rule, style } from "./document";
import type { Logo } from "./logo";
import { pdfText } from "./text";

const LOGO_BOX = { width: 170, height: 54 } as const;

export interface HeaderInput {
  organizationName: string;
  logo: Logo | null;
  /** "Proposal", "Contract". */
  kind: string;
  /** Lines under the kind: "P-2026-0001", "Version 2". */
  reference: string[];
}

/** Draws the logo, scaled into the box; false when the image cannot be read (then the name is printed). */
function drawLogo(doc: Doc, logo: Logo, x: number, y: number): number | null {
  try {
    const image = openImage(doc, logo.data);
    const scale = Math.min(LOGO_BOX.width / image.width, LOGO_BOX.height / image.height, 1);
    const height = image.height * scale;
    placeImage(doc, image, x, y, image.width * scale, height);
    return height;
  } catch {
    return null;
  }
}

export function drawHeader(doc: Doc, input: HeaderInput) {
  const x = left(doc);
  const top = doc.page.margins.top;
  const width = contentWidth(doc);
  const rightWidth = 200;

  let leftBottom = input.logo ? drawLogo(doc, input.logo, x, top) : null;
  if (leftBottom !== null) {
    leftBottom += top;
  } else {
    style(doc, FONT.bold, 16).text(pdfText(input.organizationName), x, top, { width: width - rightWidth - 20 });
    leftBottom = doc.y;
  }

  style(doc, FONT.bold, 18, COLOR.accent).text(pdfText(input.kind), x + width - rightWidth, top, { width: rightWidth, align: "right" });
  doc.moveDown(0.15);
  for (const line of input.reference) {
    style(doc, FONT.regular, 10, COLOR.muted).text(pdfText(line), x + width - rightWidth, doc.y, { width: rightWidth, align: "right" });
  }
  const y = Math.max(leftBottom, doc.y) + 12;
  rule(doc, y);
  doc.x = x;
  doc.y = y + 18;
  style(doc, FONT.regular, 10);
}

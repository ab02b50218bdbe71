// Reading PDFs back in tests, with Mozilla's pdf.js: each page's text (as a reader would copy
// it), how many images each page paints, and pages rendered to PNG (to look at a layout).
import { createRequire } from "node:module";
import path from "node:path";
import { OPS, getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

const require = createRequire(import.meta.url);
const pdfjsDir = path.dirname(require.resolve("pdfjs-dist/package.json"));
// In Node pdf.js reads the standard fonts (Helvetica, Times, Courier stand-ins) from this folder.
const standardFontDataUrl = `${path.join(pdfjsDir, "standard_fonts")}${path.sep}`;

async function open(pdf: Buffer) {
  return getDocument({ data: new Uint8Array(pdf), standardFontDataUrl, useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
}

export interface PdfPage {
  /** The page's text, one line per printed line, words separated by single spaces. */
  text: string;
  images: number;
}

export interface ReadPdf {
  pages: PdfPage[];
  info: Record<string, unknown>;
  /** All pages' text, pages separated by a form feed. */
  text: string;
}

export async function readPdf(pdf: Buffer): Promise<ReadPdf> {
  const doc = await open(pdf);
  const pages: PdfPage[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    // Group runs into lines by their baseline, then order each line left to right.
    const lines = new Map<number, { x: number; str: string }[]>();
    for (const item of content.items) {
      if (!("str" in item) || !item.str) continue;
      const y = Math.round(item.transform[5]!);
      const key = [...lines.keys()].find((k) => Math.abs(k - y) <= 2) ?? y;
      lines.set(key, [...(lines.get(key) ?? []), { x: item.transform[4]!, str: item.str }]);
    }
    const text = [...lines.entries()].sort((a, b) => b[0] - a[0])
      .map(([, runs]) => runs.sort((a, b) => a.x - b.x).map((r) => r.str).join(" ").replace(/\s+/g, " ").trim())
      .filter(Boolean).join("\n");
    const ops = await page.getOperatorList();
    const images = ops.fnArray.filter((fn) => fn === OPS.paintImageXObject || fn === OPS.paintInlineImageXObject).length;
    pages.push({ text, images });
  }
  const { info } = await doc.getMetadata();
  await doc.destroy();
  return { pages, info: info as Record<string, unknown>, text: pages.map((p) => p.text).join("\f") };
}

/** Each page as a PNG, `scale` times 72 dpi. */
export async function renderPdfPages(pdf: Buffer, scale = 1.5): Promise<Buffer[]> {
  const doc = await open(pdf);
  const images: Buffer[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const viewport = page.getViewport({ scale });
    const factory = (doc as unknown as { canvasFactory: { create(w: number, h: number): { canvas: { toBuffer(type: string): Buffer }; context: unknown } } }).canvasFactory;
    const { canvas, context } = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
    await page.render({ canvas: canvas as never, canvasContext: context as never, viewport, background: "#ffffff" }).promise;
    images.push(canvas.toBuffer("image/png"));
  }
  await doc.destroy();
  return images;
}

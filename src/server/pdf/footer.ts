// Every page's footer, drawn once all pages exist: what the document is on the left,
// "Page x of y" on the right. Call it last, just before `doc.end()`.
import { COLOR, type Doc, FONT, contentWidth, left, style } from "./document";
import { pdfText } from "./text";

export function drawFooters(doc: Doc, label: string) {
  const { start, count } = doc.bufferedPageRange();
  for (let i = 0; i < count; i++) {
    doc.switchToPage(start + i);
    // Below the bottom margin: lift the margin while writing, or pdfkit would start a new page.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const x = left(doc);
    const width = contentWidth(doc);
    const y = doc.page.height - margin + 26;
    doc.save().moveTo(x, y - 8).lineTo(x + width, y - 8).lineWidth(0.5).strokeColor(COLOR.faint).stroke().restore();
    style(doc, FONT.regular, 8, COLOR.muted).text(pdfText(label), x, y, { width: width - 90, lineBreak: false, ellipsis: true, height: 10 });
    doc.text(`Page ${i + 1} of ${count}`, x + width - 90, y, { width: 90, align: "right", lineBreak: false });
    doc.page.margins.bottom = margin;
  }
}

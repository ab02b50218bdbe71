// The building blocks between header and footer: a title, a grid of labelled facts, section
// headings that never sit alone at the foot of a page, flowing paragraphs, a totals block.
import { COLOR, type Doc, FONT, contentWidth, ensureSpace, fitFontSize, left, style } from "./document";
import { pdfText } from "./text";

export function drawTitle(doc: Doc, title: string, subtitle?: string | null) {
  style(doc, FONT.bold, 20).text(pdfText(title), left(doc), doc.y, { width: contentWidth(doc) });
  if (subtitle) {
    doc.moveDown(0.2);
    style(doc, FONT.regular, 10, COLOR.muted).text(pdfText(subtitle), { width: contentWidth(doc) });
  }
  doc.moveDown(1);
}

export interface Fact {
  label: string;
  value: string | null;
}

const LABEL_SIZE = 7.5;
const VALUE_SIZE = 10;
const FACT_GAP = 14;

/** Labelled facts in a grid (`columns` across), row by row; a row never splits across pages. */
/** A value whose longest word (an email, a long name) is wider than its column is set smaller, not cut mid-word. */
function valueSize(doc: Doc, fact: Fact, width: number): number {
  style(doc, FONT.regular, VALUE_SIZE);
  const longest = pdfText(fact.value ?? "—").split(/\s+/).sort((a, b) => doc.widthOfString(b) - doc.widthOfString(a))[0] ?? "";
  return fitFontSize(doc, longest, FONT.regular, VALUE_SIZE, width - 1, 7);
}

export function drawFacts(doc: Doc, facts: Fact[], columns = 3) {
  const gutter = 16;
  const width = (contentWidth(doc) - gutter * (columns - 1)) / columns;
  for (let start = 0; start < facts.length; start += columns) {
    const row = facts.slice(start, start + columns);
    const heights = row.map((f) => {
      style(doc, FONT.bold, LABEL_SIZE);
      const label = doc.heightOfString(pdfText(f.label.toUpperCase()), { width });
      style(doc, FONT.regular, valueSize(doc, f, width));
      return label + 2 + doc.heightOfString(pdfText(f.value ?? "—"), { width, lineGap: 1 });
    });
    const height = Math.max(...heights);
    ensureSpace(doc, height);
    const y = doc.y;
    row.forEach((f, i) => {
      const x = left(doc) + i * (width + gutter);
      style(doc, FONT.bold, LABEL_SIZE, COLOR.muted).text(pdfText(f.label.toUpperCase()), x, y, { width, characterSpacing: 0.3 });
      style(doc, FONT.regular, valueSize(doc, f, width)).text(pdfText(f.value ?? "—"), x, doc.y + 2, { width, lineGap: 1 });
    });
    doc.x = left(doc);
    doc.y = y + height + FACT_GAP;
  }
  doc.y -= FACT_GAP;
  doc.moveDown(1.2);
}

/** A heading kept with at least `keepWith` points of what follows it. */
export function drawHeading(doc: Doc, title: string, keepWith = 48) {
  style(doc, FONT.bold, 12);
  ensureSpace(doc, doc.heightOfString(pdfText(title), { width: contentWidth(doc) }) + keepWith);
  doc.text(pdfText(title), left(doc), doc.y, { width: contentWidth(doc) });
  doc.moveDown(0.35);
  style(doc, FONT.regular, 10);
}

/**
 * Running text, as long as it is: it flows onto as many pages as it needs. Line breaks are kept
 * as typed (a blank line is a blank line), as the screen shows them.
 */
export function drawParagraphs(doc: Doc, body: string) {
  const text = pdfText(body.trim()).replace(/\n{3,}/g, "\n\n");
  style(doc, FONT.regular, 10).text(text, left(doc), doc.y, { width: contentWidth(doc), lineGap: 2 });
  doc.moveDown(1.2);
}

export interface TotalLine {
  label: string;
  value: string;
  strong?: boolean;
}

const TOTALS_GAP = 8;
const TOTALS_LINE = 17;

/** The height drawTotals needs for `count` lines (to keep the table's last row with them). */
export const totalsHeight = (count: number) => TOTALS_GAP + count * TOTALS_LINE + 2;

/** Totals right-aligned under a table, kept together on one page. */
export function drawTotals(doc: Doc, lines: TotalLine[]) {
  const width = 290;
  const valueWidth = 160;
  const x = left(doc) + contentWidth(doc) - width;
  const lineHeight = TOTALS_LINE;
  ensureSpace(doc, totalsHeight(lines.length));
  doc.y += TOTALS_GAP;
  for (const line of lines) {
    const y = doc.y;
    if (line.strong) doc.save().moveTo(x, y - 3).lineTo(x + width, y - 3).lineWidth(1).strokeColor(COLOR.text).stroke().restore();
    style(doc, line.strong ? FONT.bold : FONT.regular, line.strong ? 11 : 10, line.strong ? COLOR.text : COLOR.muted)
      .text(pdfText(line.label), x + 5, y + (line.strong ? 2 : 0), { width: width - valueWidth - 10, lineBreak: false });
    style(doc, line.strong ? FONT.bold : FONT.regular, line.strong ? 11 : 10)
      .text(pdfText(line.value), x + width - valueWidth - 5, y + (line.strong ? 2 : 0), { width: valueWidth, align: "right", lineBreak: false });
    doc.x = left(doc);
    doc.y = y + lineHeight + (line.strong ? 2 : 0);
  }
  doc.moveDown(1.2);
  style(doc, FONT.regular, 10);
}

/** A shaded note across the content width (an answer, a status), kept on one page. */
export function drawNote(doc: Doc, text: string) {
  const width = contentWidth(doc);
  style(doc, FONT.regular, 10);
  const height = doc.heightOfString(pdfText(text), { width: width - 20, lineGap: 1 }) + 16;
  ensureSpace(doc, height);
  const y = doc.y;
  doc.save().rect(left(doc), y, width, height).fill(COLOR.fill).restore();
  style(doc, FONT.regular, 10).text(pdfText(text), left(doc) + 10, y + 8, { width: width - 20, lineGap: 1 });
  doc.x = left(doc);
  doc.y = y + height;
  doc.moveDown(1.2);
}

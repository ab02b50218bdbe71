// A table that paginates like a printed one: a row is never cut across pages (it moves to the
// next page whole), and the header row is repeated at the top of every page the table spans.
import { COLOR, type Doc, FONT, bottom, contentWidth, fitFontSize, left, style } from "./document";
import { ascentRatio } from "./fonts";
import { pdfText } from "./text";

export interface Column {
  header: string;
  /** A share of the content width (the shares are scaled to fill it). */
  width: number;
  align?: "left" | "right";
  /** Numbers and dates: never wrapped; a value wider than the column is set smaller to fit. */
  noWrap?: boolean;
}

export interface Cell {
  text: string;
  /** A smaller grey line under the text (a SKU, a note). */
  note?: string | null;
}

export interface Row {
  cells: (string | Cell)[];
  /** A total row: bold, with a rule above it. */
  total?: boolean;
}

export interface TableOptions {
  fontSize?: number;
  /** Points of what follows (totals) that must stay on the page of the last row. */
  keepWithLast?: number;
}

const PAD_X = 5;
const PAD_Y = 5;
const NOTE_SIZE = 7.5;
const HEADER_SIZE = 7.5;

type Laid = { x: number; width: number; align: "left" | "right"; noWrap: boolean };

const MIN_SIZE = 5.5;

/** The size a no-wrap cell's text is set at: the row's size, or smaller so that it fits on one line. */
function layout(doc: Doc, columns: Column[]): Laid[] {
  const total = columns.reduce((sum, c) => sum + c.width, 0);
  const full = contentWidth(doc);
  let x = left(doc);
  return columns.map((c) => {
    const width = (c.width / total) * full;
    const laid: Laid = { x, width, align: c.align ?? "left", noWrap: c.noWrap ?? false };
    x += width;
    return laid;
  });
}

const asCell = (cell: string | Cell | undefined): Cell => (typeof cell === "string" ? { text: cell } : (cell ?? { text: "" }));

function headerHeight(doc: Doc, columns: Column[], laid: Laid[]): number {
  style(doc, FONT.bold, HEADER_SIZE);
  return Math.max(...columns.map((c, i) => doc.heightOfString(pdfText(c.header), { width: laid[i]!.width - 2 * PAD_X }))) + 2 * PAD_Y;
}

function drawHeaderRow(doc: Doc, columns: Column[], laid: Laid[]) {
  const height = headerHeight(doc, columns, laid);
  const y = doc.y;
  doc.save().rect(left(doc), y, contentWidth(doc), height).fill(COLOR.fill).restore();
  style(doc, FONT.bold, HEADER_SIZE, COLOR.muted);
  columns.forEach((c, i) => {
    const col = laid[i]!;
    doc.text(pdfText(c.header), col.x + PAD_X, y + PAD_Y, { width: col.width - 2 * PAD_X, align: col.align });
  });
  doc.y = y + height;
}

/** The height of a row's tallest cell, never more than `limit`. */
function rowHeight(doc: Doc, row: Row, laid: Laid[], size: number, limit: number): number {
  const heights = laid.map((col, i) => {
    const cell = asCell(row.cells[i]);
    const width = col.width - 2 * PAD_X;
    style(doc, row.total ? FONT.bold : FONT.regular, size);
    let h = col.noWrap ? doc.currentLineHeight(true) + 1 : doc.heightOfString(pdfText(cell.text) || " ", { width, lineGap: 1 });
    if (cell.note) {
      style(doc, FONT.regular, NOTE_SIZE);
      h += 1 + doc.heightOfString(pdfText(cell.note), { width });
    }
    return h;
  });
  return Math.min(Math.max(...heights), limit) + 2 * PAD_Y;
}

function drawRow(doc: Doc, row: Row, laid: Laid[], size: number, height: number) {
  const y = doc.y;
  if (row.total) doc.save().moveTo(left(doc), y).lineTo(left(doc) + contentWidth(doc), y).lineWidth(1).strokeColor(COLOR.text).stroke().restore();
  laid.forEach((col, i) => {
    const cell = asCell(row.cells[i]);
    const width = col.width - 2 * PAD_X;
    const room = height - 2 * PAD_Y;
    const font = row.total ? FONT.bold : FONT.regular;
    const text = pdfText(cell.text);
    if (col.noWrap) {
      // Smaller text sits on the row's baseline.
      const fitted = fitFontSize(doc, text, font, size, width, MIN_SIZE);
      style(doc, font, fitted).text(text, col.x + PAD_X, y + PAD_Y + (size - fitted) * ascentRatio(font), { width, align: col.align, lineBreak: false });
    } else {
      style(doc, font, size).text(text, col.x + PAD_X, y + PAD_Y, { width, align: col.align, lineGap: 1, height: room, ellipsis: true });
    }
    if (cell.note && doc.y < y + height - PAD_Y) {
      style(doc, FONT.regular, NOTE_SIZE, COLOR.muted).text(pdfText(cell.note), col.x + PAD_X, doc.y + 1, { width, align: col.align, height: y + height - PAD_Y - doc.y, ellipsis: true });
    }
  });
  if (!row.total) doc.save().moveTo(left(doc), y + height).lineTo(left(doc) + contentWidth(doc), y + height).lineWidth(0.5).strokeColor(COLOR.faint).stroke().restore();
  doc.y = y + height;
}

export function drawTable(doc: Doc, columns: Column[], rows: Row[], options: TableOptions = {}) {
  const size = options.fontSize ?? 9;
  const laid = layout(doc, columns);
  const head = headerHeight(doc, columns, laid);
  // A row taller than a whole page (it cannot be) is cut to fit one, with an ellipsis.
  const limit = bottom(doc) - doc.page.margins.top - head - 2 * PAD_Y;
  const heights = rows.map((row) => rowHeight(doc, row, laid, size, limit));

  // The last row goes over with what must follow it rather than leave that alone on a page.
  const needs = (i: number) => heights[i]! + (i === rows.length - 1 ? (options.keepWithLast ?? 0) : 0);
  // The header never stands alone at the foot of a page: it goes where its first row fits.
  if (doc.y + head + (rows.length ? needs(0) : 0) > bottom(doc)) doc.addPage();
  drawHeaderRow(doc, columns, laid);
  rows.forEach((row, i) => {
    const height = heights[i]!;
    if (i > 0 && doc.y + needs(i) > bottom(doc)) {
      doc.addPage();
      drawHeaderRow(doc, columns, laid);
    }
    drawRow(doc, row, laid, size, height);
  });
  doc.x = left(doc);
  style(doc, FONT.regular, 10);
}

// Proposal arithmetic, in decimal, never in floats, rounded the way invoices are: each line's
// amounts are rounded to the cent once (half up), and the proposal's totals are sums of those
// rounded amounts, so every total adds up to the cent on the screen, in the PDF and in the
// database. The same function serves the editor (client), the PDF and the stored totals.
import Decimal from "decimal.js";

const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
const HUNDRED = new D(100);
const cents = (x: Decimal) => x.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);

export interface LineInput {
  /** Decimal strings, as stored and as forms hold them. */
  quantity: string;
  unitPrice: string;
  /** Percent off this line, 0-100. */
  discountPercent: string;
  /** Tax percent on the line after its discount, 0-100. */
  taxRate: string;
}

export interface LineTotals { gross: string; discount: string; net: string; tax: string; total: string }

export interface ProposalTotals {
  lines: LineTotals[];
  subtotal: string;
  discountAmount: string;
  /** The discount as a percentage of the subtotal, to two places (0 when the subtotal is 0). */
  discountPercentage: string;
  taxAmount: string;
  total: string;
}

export function lineTotals(line: LineInput): LineTotals {
  const gross = cents(new D(line.quantity).times(line.unitPrice));
  const discount = cents(gross.times(line.discountPercent).dividedBy(HUNDRED));
  const net = gross.minus(discount);
  const tax = cents(net.times(line.taxRate).dividedBy(HUNDRED));
  return { gross: gross.toFixed(2), discount: discount.toFixed(2), net: net.toFixed(2), tax: tax.toFixed(2), total: net.plus(tax).toFixed(2) };
}

export function proposalTotals(lines: readonly LineInput[]): ProposalTotals {
  const each = lines.map(lineTotals);
  const sum = (key: keyof LineTotals) => each.reduce((acc, l) => acc.plus(l[key]), new D(0));
  const subtotal = sum("gross");
  const discountAmount = sum("discount");
  return {
    lines: each,
    subtotal: subtotal.toFixed(2),
    discountAmount: discountAmount.toFixed(2),
    discountPercentage: subtotal.isZero() ? "0.00" : cents(discountAmount.dividedBy(subtotal).times(HUNDRED)).toFixed(2),
    taxAmount: sum("tax").toFixed(2),
    total: sum("total").toFixed(2),
  };
}

/** The largest amount numeric(15,2) stores. */
export const MAX_AMOUNT = "9999999999999.99";

/** True when any amount (a line's or a total) is too large to store. */
export function exceedsStorage(t: ProposalTotals): boolean {
  const max = new D(MAX_AMOUNT);
  return [t.subtotal, t.total, ...t.lines.flatMap((l) => [l.gross, l.total])].some((v) => new D(v).gt(max));
}

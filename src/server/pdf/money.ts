// Money in a PDF is the stored decimal string, printed as it is: only thousands separators and
// the currency are added, with string operations. Nothing is parsed into a number, recomputed
// or rounded, so the PDF shows exactly the cents the database (and the screen) hold.
import { pdfText } from "./text";

const DECIMAL = /^(-?)(\d+)(\.\d+)?$/;

/** The currency's sign as the screen's en-US format writes it ("$", "€", "CHF"), before the digits. */
function currencyPrefix(currency: string): string {
  let symbol = currency;
  try {
    const parts = new Intl.NumberFormat("en-US", { style: "currency", currency }).formatToParts(0);
    symbol = parts.find((p) => p.type === "currency")?.value ?? currency;
  } catch {
    // Not a currency code Intl knows: print the code.
  }
  // A sign the embedded fonts cannot print falls back to the ISO code.
  if (pdfText(symbol) !== symbol) symbol = currency;
  return /[A-Za-z]$/.test(symbol) ? `${symbol} ` : symbol;
}

/** "1234567.5" → "1,234,567.5": commas into the integer digits, the rest untouched. */
export function groupDigits(amount: string): string {
  const match = DECIMAL.exec(amount.trim());
  if (!match) return amount;
  const [, sign, integer, fraction = ""] = match;
  return `${sign}${integer!.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}${fraction}`;
}

/** "59.97", "USD" → "$59.97"; "-4.50" → "-$4.50". The digits are the stored string's. */
export function pdfMoney(amount: string, currency: string): string {
  const grouped = groupDigits(amount);
  const negative = grouped.startsWith("-");
  return `${negative ? "-" : ""}${currencyPrefix(currency.toUpperCase())}${negative ? grouped.slice(1) : grouped}`;
}

/** A stored percent string as people read it ("7.5" → "7.5%"). */
export const pdfPercent = (value: string) => `${value}%`;

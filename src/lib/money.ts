/** Formats a decimal string exactly (Intl formats strings without going through a float). */
export function formatMoney(amount: string | null, currency = "USD", compact = false): string {
  if (amount === null) return "—";
  const format = new Intl.NumberFormat("en-US", {
    style: "currency",
    currency,
    notation: compact ? "compact" : "standard",
    maximumFractionDigits: compact ? 1 : 2,
  });
  return format.format(amount as unknown as number);
}

import { formatMoney } from "@/lib/money";

/**
 * A proposal's totals as people read them on an invoice: subtotal, discount, tax, total.
 * The editor (live) and the proposal page (stored) show them the same way.
 */
export function TotalsList({ totals, currency, testIdPrefix, className = "mt-4" }: {
  totals: { subtotal: string; discountAmount: string; discountPercentage: string; taxAmount: string; total: string };
  currency: string;
  testIdPrefix: string;
  className?: string;
}) {
  const money = (v: string) => formatMoney(v, currency);
  return (
    <dl aria-label="Totals" className={`ml-auto grid max-w-xs grid-cols-2 gap-y-1 text-sm ${className}`}>
      <dt className="text-slate-600">Subtotal</dt><dd className="text-right tabular-nums" data-testid={`${testIdPrefix}-subtotal`}>{money(totals.subtotal)}</dd>
      <dt className="text-slate-600">Discount ({totals.discountPercentage}%)</dt><dd className="text-right tabular-nums" data-testid={`${testIdPrefix}-discount`}>−{money(totals.discountAmount)}</dd>
      <dt className="text-slate-600">Tax</dt><dd className="text-right tabular-nums" data-testid={`${testIdPrefix}-tax`}>{money(totals.taxAmount)}</dd>
      <dt className="border-t border-slate-200 pt-1 font-semibold">Total</dt><dd className="border-t border-slate-200 pt-1 text-right font-semibold tabular-nums" data-testid={`${testIdPrefix}-total`}>{money(totals.total)}</dd>
    </dl>
  );
}

import { formatMoney } from "@/lib/money";

interface Line {
  id: string; description: string; quantity: string; unitPrice: string; discountPercent: string; taxRate: string; totalAmount: string;
  product?: { sku: string | null } | null;
}

/** A proposal version's lines, as the rep's page and the client's public page show them. */
export function LineItemsTable({ lines, currency, showSku = false }: { lines: Line[]; currency: string; showSku?: boolean }) {
  const money = (v: string) => formatMoney(v, currency);
  const percent = (v: string) => (v === "0" ? "—" : `${v}%`);
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Line items</caption>
        <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="py-2 pr-3">Description</th><th scope="col" className="px-3 py-2 text-right">Qty</th>
            <th scope="col" className="px-3 py-2 text-right">Unit price</th><th scope="col" className="px-3 py-2 text-right">Discount</th>
            <th scope="col" className="px-3 py-2 text-right">Tax</th><th scope="col" className="py-2 pl-3 text-right">Amount</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {lines.map((l) => (
            <tr key={l.id}>
              <td className="py-2 pr-3">{l.description}{showSku && l.product?.sku ? <span className="block text-xs text-slate-500">{l.product.sku}</span> : null}</td>
              <td className="px-3 py-2 text-right tabular-nums">{l.quantity}</td>
              <td className="px-3 py-2 text-right tabular-nums">{money(l.unitPrice)}</td>
              <td className="px-3 py-2 text-right tabular-nums">{percent(l.discountPercent)}</td>
              <td className="px-3 py-2 text-right tabular-nums">{percent(l.taxRate)}</td>
              <td className="py-2 pl-3 text-right tabular-nums">{money(l.totalAmount)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

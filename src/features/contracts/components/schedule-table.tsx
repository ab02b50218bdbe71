import { formatIsoDay } from "@/lib/dates";
import { formatMoney } from "@/lib/money";
import type { Instalment } from "../payment-schedule";
import { scheduleTotal } from "../payment-schedule";

/**
 * A contract's payment schedule as signed: due date, description and amount per instalment,
 * with the total row (summed in decimal). The contract page and the client's signing page
 * show it the same way.
 */
export function ScheduleTable({ schedule, currency, testIdPrefix }: { schedule: readonly Instalment[]; currency: string; testIdPrefix: string }) {
  const money = (v: string) => formatMoney(v, currency);
  if (schedule.length === 0) return <p className="text-sm text-slate-600">No instalments.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Payment schedule</caption>
        <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="py-2 pr-3">#</th>
            <th scope="col" className="py-2 pr-3">Due</th>
            <th scope="col" className="py-2 pr-3">Description</th>
            <th scope="col" className="py-2 text-right">Amount</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {schedule.map((i, n) => (
            <tr key={n}>
              <td className="py-2 pr-3 tabular-nums text-slate-500">{n + 1}</td>
              <td className="whitespace-nowrap py-2 pr-3">{formatIsoDay(i.dueDate)}</td>
              <td className="py-2 pr-3">{i.description || "—"}</td>
              <td className="whitespace-nowrap py-2 text-right tabular-nums">{money(i.amount)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="border-t border-slate-300">
            <th scope="row" colSpan={3} className="py-2 pr-3 font-semibold">Total</th>
            <td className="whitespace-nowrap py-2 text-right font-semibold tabular-nums" data-testid={`${testIdPrefix}-schedule-total`}>{money(scheduleTotal(schedule))}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

import { formatMoney } from "@/lib/money";
import type { ForecastMonth } from "../metrics/deals";
import { DashboardBarChart } from "./bar-chart";
import { ChartCard } from "./chart-card";
import { DataTable } from "./data-table";
import { formatMonth } from "./format";

/** `totals` are the service's exact sums over the same months (weighted in range, won in range). */
export function ForecastCard({ months, totals, currency }: { months: ForecastMonth[]; totals: { weighted: string; won: string }; currency: string }) {
  const empty = months.every((m) => Number(m.weighted) === 0 && Number(m.won) === 0);
  return (
    <ChartCard id="forecast" title="Weighted forecast by month"
      description="Open deals' weighted value by expected close month, beside what was won by close month."
      emptyText={empty ? "No open deals expected to close, and nothing won, in this range." : undefined}
      chart={<DashboardBarChart data={months.map((m) => ({ month: formatMonth(m.month), "Weighted forecast": m.weighted, Won: m.won }))} index="month"
        categories={["Weighted forecast", "Won"]} colors={["blue", "emerald"]} kind="money" currency={currency} yAxisWidth={64} />}
      table={<DataTable caption="Weighted forecast and won value by month"
        columns={[{ label: "Month" }, { label: "Weighted forecast", numeric: true }, { label: "Won", numeric: true }]}
        rows={months.map((m) => ({ key: m.month, cells: [formatMonth(m.month), formatMoney(m.weighted, currency), formatMoney(m.won, currency)] }))}
        footer={["Total", formatMoney(totals.weighted, currency), formatMoney(totals.won, currency)]} />}
    />
  );
}

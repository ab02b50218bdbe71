import { formatMoney } from "@/lib/money";
import { RENEWAL_WINDOW_DAYS } from "../metrics/contracts";
import type { SalesDashboardData } from "../sales-dashboard.service";
import { formatCount, formatPercent } from "./format";

interface Kpi {
  label: string;
  value: string;
  detail: string;
}

const days = (n: number) => `${new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 }).format(n)} ${n === 1 ? "day" : "days"}`;

function kpisOf({ kpis, currency, contracts }: SalesDashboardData): Kpi[] {
  const { openPipeline: open, winRate, leadConversion: leads, signedValue: signed } = kpis;
  const money = (amount: string) => formatMoney(amount, currency.code, true);
  const contractMoney = (amount: string) => formatMoney(amount, contracts.currency.code, true);
  const renewals = contracts.renewals;
  return [
    { label: "Open pipeline", value: money(open.value), detail: `${formatCount(open.count)} open ${open.count === 1 ? "deal" : "deals"}` },
    { label: "Weighted forecast", value: money(open.weighted), detail: `${money(open.weightedInRange)} expected to close in range` },
    { label: "Win rate", value: formatPercent(winRate.rate), detail: winRate.rate === null ? "No deals closed in range" : `${formatCount(winRate.won)} won · ${formatCount(winRate.lost)} lost in range` },
    { label: "Average sales cycle", value: kpis.avgCycleDays === null ? "—" : days(kpis.avgCycleDays), detail: "Created to won, deals won in range" },
    { label: "Activities", value: formatCount(kpis.activities), detail: "Completed in range" },
    { label: "Lead conversion", value: formatPercent(leads.rate), detail: `${formatCount(leads.converted)} of ${formatCount(leads.created)} new ${leads.created === 1 ? "lead" : "leads"} converted` },
    { label: "Signed value", value: contractMoney(signed.value), detail: `${formatCount(signed.count)} ${signed.count === 1 ? "contract" : "contracts"} signed in range` },
    {
      label: "Renewals due", value: formatCount(renewals.count),
      detail: renewals.count === 0 ? `None in the next ${RENEWAL_WINDOW_DAYS} days` : `${contractMoney(renewals.value)} in ${RENEWAL_WINDOW_DAYS} days · ${formatCount(renewals.needsAction)} need action`,
    },
  ];
}

/** The headline numbers; the open pipeline figures and renewals due are a snapshot of now, the rest cover the range. */
export function KpiCards({ data }: { data: SalesDashboardData }) {
  return (
    <dl className="mb-6 grid grid-cols-2 gap-3 md:grid-cols-4">
      {kpisOf(data).map((kpi) => (
        <div key={kpi.label} className="card flex flex-col p-4">
          <dt className="text-sm font-medium text-slate-600">{kpi.label}</dt>
          <dd className="mt-1 text-2xl font-semibold tabular-nums text-slate-900">{kpi.value}</dd>
          <dd className="mt-1 text-xs text-slate-500">{kpi.detail}</dd>
        </div>
      ))}
    </dl>
  );
}

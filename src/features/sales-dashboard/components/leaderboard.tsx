import { formatMoney } from "@/lib/money";
import type { LeaderboardRow } from "../metrics/leaderboard";
import { MoneyBarList } from "./bar-list";
import { ChartCard } from "./chart-card";
import { DataTable } from "./data-table";
import { formatCount, repName } from "./format";

export function LeaderboardCard({ rows, currency }: { rows: LeaderboardRow[]; currency: string }) {
  // With nothing won yet (a future range, a new team), the ranking falls to open pipeline; so do the bars.
  const showWon = rows.some((r) => Number(r.wonValue) > 0);
  return (
    <ChartCard id="leaderboard" title="Rep leaderboard"
      description="Ranked by value won in this range, then deals won, open pipeline and activities."
      emptyText={rows.length === 0 ? "No rep has won, owns an open deal or completed an activity in this range." : undefined}
      chart={
        <div>
          <p className="mb-2 flex justify-between text-xs font-medium uppercase tracking-wide text-slate-500"><span>Rep</span><span>{showWon ? "Won in range" : "Open pipeline"}</span></p>
          <MoneyBarList data={rows.map((r, i) => ({ name: `${i + 1}. ${repName(r.name)}`, value: showWon ? r.wonValue : r.openValue }))} currency={currency}
            color={showWon ? "emerald" : "blue"} />
        </div>
      }
      table={<DataTable caption="Rep leaderboard"
        columns={[{ label: "Rep" }, { label: "Rank", numeric: true }, { label: "Deals won", numeric: true }, { label: "Won value", numeric: true },
          { label: "Open deals", numeric: true }, { label: "Open pipeline", numeric: true }, { label: "Activities", numeric: true }]}
        rows={rows.map((r, i) => ({
          key: r.userId,
          cells: [repName(r.name), formatCount(i + 1), formatCount(r.wonCount), formatMoney(r.wonValue, currency), formatCount(r.openCount), formatMoney(r.openValue, currency), formatCount(r.activities)],
        }))} />}
    />
  );
}

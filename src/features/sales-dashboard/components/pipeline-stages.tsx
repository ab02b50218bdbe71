import { formatMoney } from "@/lib/money";
import type { StageValue } from "../metrics/deals";
import { DashboardBarChart } from "./bar-chart";
import { ChartCard } from "./chart-card";
import { DataTable } from "./data-table";
import { formatCount } from "./format";

export function PipelineStagesCard({ pipelineName, stages, currency }: { pipelineName: string | null; stages: StageValue[]; currency: string }) {
  const empty = stages.every((s) => s.count === 0);
  return (
    <ChartCard id="pipeline-stages" title={`Pipeline value by stage${pipelineName ? ` · ${pipelineName}` : ""}`}
      description="Open deals now, in stage order; weighted by each stage's probability."
      emptyText={empty ? "No open deals in this pipeline." : undefined}
      chart={<DashboardBarChart data={stages.map((s) => ({ stage: s.name, "Open value": s.value, Weighted: s.weighted }))} index="stage"
        categories={["Open value", "Weighted"]} colors={["blue", "sky"]} kind="money" currency={currency} yAxisWidth={64} />}
      table={<DataTable caption={`Open deals by stage${pipelineName ? ` in ${pipelineName}` : ""}`}
        columns={[{ label: "Stage" }, { label: "Deals", numeric: true }, { label: "Open value", numeric: true }, { label: "Weighted", numeric: true }]}
        rows={stages.map((s) => ({ key: s.stageId, cells: [s.name, formatCount(s.count), formatMoney(s.value, currency), formatMoney(s.weighted, currency)] }))} />}
    />
  );
}

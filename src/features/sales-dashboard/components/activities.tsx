import type { Activities, ActivityType } from "../metrics/activities";
import { DashboardBarChart } from "./bar-chart";
import { ChartCard } from "./chart-card";
import { DataTable } from "./data-table";
import { ACTIVITY_LABEL, formatCount, repName } from "./format";

type ByTypeAndRep = Pick<Activities, "byType" | "byRep">;

const TYPE_COLOR: Record<ActivityType, string> = { call: "blue", email: "cyan", meeting: "violet", note: "slate", sms: "amber" };
const DESCRIPTION = "Completed calls, emails, meetings, notes and SMS that happened in this range; planned ones are not counted.";

export function ActivitiesByTypeCard({ activities }: { activities: ByTypeAndRep }) {
  const total = activities.byType.reduce((n, t) => n + t.count, 0);
  return (
    <ChartCard id="activities-by-type" title="Activities by type" description={DESCRIPTION}
      emptyText={total === 0 ? "No completed activities in this range." : undefined}
      chart={<DashboardBarChart data={activities.byType.map((t) => ({ type: ACTIVITY_LABEL[t.type]!, Activities: t.count }))} index="type"
        categories={["Activities"]} colors={["blue"]} kind="count" currency="USD" yAxisWidth={40} />}
      table={<DataTable caption="Completed activities by type" columns={[{ label: "Type" }, { label: "Activities", numeric: true }]}
        rows={activities.byType.map((t) => ({ key: t.type, cells: [ACTIVITY_LABEL[t.type], formatCount(t.count)] }))}
        footer={["Total", formatCount(total)]} />}
    />
  );
}

export function ActivitiesByRepCard({ activities }: { activities: ByTypeAndRep }) {
  const types = activities.byType.map((t) => t.type);
  const labels = types.map((t) => ACTIVITY_LABEL[t]!);
  return (
    <ChartCard id="activities-by-rep" title="Activities by rep" description="Who logged them, by type; busiest first."
      emptyText={activities.byRep.length === 0 ? "No completed activities in this range." : undefined}
      chart={<DashboardBarChart layout="vertical" stack index="rep" categories={labels} colors={types.map((t) => TYPE_COLOR[t])}
        data={activities.byRep.map((r) => ({ rep: repName(r.name), ...Object.fromEntries(types.map((t, i) => [labels[i]!, r.counts[t]])) }))}
        kind="count" currency="USD" yAxisWidth={128} height={Math.max(288, 64 + activities.byRep.length * 36)} />}
      table={<DataTable caption="Completed activities by rep and type"
        columns={[{ label: "Rep" }, ...labels.map((label) => ({ label, numeric: true })), { label: "Total", numeric: true }]}
        rows={activities.byRep.map((r) => ({ key: r.userId ?? "none", cells: [repName(r.name), ...types.map((t) => formatCount(r.counts[t])), formatCount(r.total)] }))} />}
    />
  );
}

import type { LeadSource } from "../metrics/leads";
import { DashboardBarChart } from "./bar-chart";
import { ChartCard } from "./chart-card";
import { DataTable } from "./data-table";
import { formatCount, formatPercent, sourceLabel } from "./format";

/**
 * One bar per source, as long as the leads it brought, split into converted and not (yet):
 * volume and conversion read together. (A donut was the other candidate, but its Recharts
 * pie takes keyboard focus, which an aria-hidden chart must not.)
 */
export function LeadSourcesCard({ sources, conversion }: { sources: LeadSource[]; conversion: { created: number; converted: number; rate: number | null } }) {
  return (
    <ChartCard id="lead-sources" title="Lead sources and conversion"
      description="Leads created in this range by source, and how many of them have been converted to deals."
      emptyText={sources.length === 0 ? "No leads created in this range." : undefined}
      chart={<DashboardBarChart layout="vertical" stack index="source" categories={["Converted", "Not converted"]} colors={["emerald", "blue"]}
        data={sources.map((s) => ({ source: sourceLabel(s.source), Converted: s.converted, "Not converted": s.created - s.converted }))}
        kind="count" currency="USD" yAxisWidth={112} height={Math.max(200, 64 + sources.length * 36)} />}
      table={<DataTable caption="Leads created by source, with conversions"
        columns={[{ label: "Source" }, { label: "Leads", numeric: true }, { label: "Converted", numeric: true }, { label: "Conversion", numeric: true }]}
        rows={sources.map((s) => ({ key: s.source, cells: [sourceLabel(s.source), formatCount(s.created), formatCount(s.converted), formatPercent(s.rate)] }))}
        footer={["Total", formatCount(conversion.created), formatCount(conversion.converted), formatPercent(conversion.rate)]} />}
    />
  );
}

"use client";

import { BarChart } from "@tremor/react";
import { type ValueKind, chartFormatter } from "./format";

// Literal class names (Tailwind only sees whole strings); Tremor fills bars with shade 500.
const DOT: Record<string, string> = {
  blue: "bg-blue-500", sky: "bg-sky-500", cyan: "bg-cyan-500", emerald: "bg-emerald-500",
  violet: "bg-violet-500", amber: "bg-amber-500", slate: "bg-slate-500", rose: "bg-rose-500",
};

export interface DashboardBarChartProps {
  /** Rows keyed by `index` (the label) and by each category (decimal strings or counts). */
  data: Record<string, string | number>[];
  index: string;
  categories: string[];
  /** Tremor colour names, one per category, from the DOT list above. */
  colors: string[];
  kind: ValueKind;
  currency: string;
  stack?: boolean;
  /** "vertical" lays the bars out horizontally, one row per label (Tremor's naming). */
  layout?: "horizontal" | "vertical";
  yAxisWidth?: number;
  height?: number;
}

/**
 * Tremor's BarChart with a value formatter (functions cannot cross from a server component)
 * and a legend of our own: Tremor's legend has a focusable element, which must not sit
 * inside the aria-hidden chart.
 */
export function DashboardBarChart({ data, index, categories, colors, kind, currency, height = 288, ...chart }: DashboardBarChartProps) {
  const rows = data.map((row) => ({ ...row, ...Object.fromEntries(categories.map((c) => [c, Number(row[c])])) }));
  return (
    <div>
      {categories.length > 1 ? (
        <ul className="mb-2 flex flex-wrap justify-end gap-x-4 gap-y-1 text-xs text-slate-600">
          {categories.map((c, i) => (
            <li key={c} className="flex items-center gap-1.5"><span className={`h-2 w-2 rounded-full ${DOT[colors[i] ?? ""] ?? "bg-slate-400"}`} />{c}</li>
          ))}
        </ul>
      ) : null}
      <BarChart data={rows} index={index} categories={categories} colors={colors} valueFormatter={chartFormatter(kind, currency)}
        showLegend={false} allowDecimals={kind === "money"} style={{ height }} {...chart} />
    </div>
  );
}

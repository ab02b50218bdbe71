import { defaultFrom } from "../sales-dashboard.schema";

export interface RangePreset {
  label: string;
  from: string;
  to: string;
}

const iso = (year: number, month: number, day: number) => new Date(Date.UTC(year, month, day)).toISOString().slice(0, 10);

/**
 * The ranges managers reach for. Month and quarter run to their last day, so the forecast
 * shows what is still expected to close in them; "Next 6 months" is for the forecast alone.
 */
export function rangePresets(today: string): RangePreset[] {
  const date = new Date(`${today}T00:00:00.000Z`);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  const quarter = month - (month % 3);
  return [
    { label: "This month", from: iso(year, month, 1), to: iso(year, month + 1, 0) },
    { label: "This quarter", from: iso(year, quarter, 1), to: iso(year, quarter + 3, 0) },
    { label: "Year to date", from: iso(year, 0, 1), to: today },
    { label: "Last 12 months", from: defaultFrom(today), to: today },
    { label: "Next 6 months", from: today, to: iso(year, month + 6, 0) },
  ];
}

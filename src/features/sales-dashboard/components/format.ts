// Display formatting shared by the server-rendered tables and the client chart wrappers.
import { humanize } from "@/lib/labels";
import { formatMoney } from "@/lib/money";

export type ValueKind = "money" | "count";

const countFormat = new Intl.NumberFormat("en-US");
const percentFormat = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 });
const monthFormat = new Intl.DateTimeFormat("en-US", { month: "short", year: "numeric", timeZone: "UTC" });

export const formatCount = (n: number) => countFormat.format(n);
export const formatPercent = (rate: number | null) => (rate === null ? "—" : percentFormat.format(rate));
/** "2025-01" → "Jan 2025" */
export const formatMonth = (month: string) => monthFormat.format(new Date(`${month}-01T00:00:00.000Z`));

/**
 * For chart axes and tooltips only: charts plot numbers, so a decimal string has already
 * become a float by the time it gets here. Tables show the exact strings instead.
 */
export function chartFormatter(kind: ValueKind, currency: string): (value: number) => string {
  return kind === "money" ? (value) => formatMoney(String(value), currency, true) : formatCount;
}

export const ACTIVITY_LABEL: Record<string, string> = { call: "Calls", email: "Emails", meeting: "Meetings", note: "Notes", sms: "SMS" };

const SOURCE_LABEL: Record<string, string> = { ai_call: "AI call", email_campaign: "Email campaign", social_media: "Social media" };
export const sourceLabel = (source: string) => SOURCE_LABEL[source] ?? humanize(source);

/** Reps whose membership ended are no longer visible by name. */
export const repName = (name: string | null) => name ?? "Former member";

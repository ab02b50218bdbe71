const dateFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });
const dateTimeFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const relativeFormat = new Intl.RelativeTimeFormat("en-US", { numeric: "auto" });

export const formatDate = (date: Date) => dateFormat.format(date);
export const formatDateTime = (date: Date) => `${dateTimeFormat.format(date)} UTC`;

/** A calendar day stored as YYYY-MM-DD ("2026-09-28" → "Sep 28, 2026"); anything else as it is. */
export const formatIsoDay = (iso: string) => (/^\d{4}-\d{2}-\d{2}$/.test(iso) ? formatDate(new Date(`${iso}T00:00:00.000Z`)) : iso);

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600], ["month", 30 * 24 * 3600], ["week", 7 * 24 * 3600],
  ["day", 24 * 3600], ["hour", 3600], ["minute", 60],
];

/** "3 minutes ago", "yesterday"; under a minute is "just now". */
export function formatRelative(date: Date, now: Date = new Date()): string {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return relativeFormat.format(Math.round(seconds / size), unit);
  }
  return "just now";
}

/** Today's date as YYYY-MM-DD (UTC), the form @db.Date columns compare with. */
export const todayIsoDate = (now: Date = new Date()) => now.toISOString().slice(0, 10);

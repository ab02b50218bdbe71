// A contract's payment schedule: instalments with due dates and amounts that add up to the
// contract's value exactly, to the cent. Amounts are decimal strings, split in whole cents
// (never floats); the database refuses a schedule that does not add up (a CHECK).
import Decimal from "decimal.js";

export interface Instalment {
  /** YYYY-MM-DD */
  dueDate: string;
  /** A decimal string with two places, e.g. "1250.00". */
  amount: string;
  description: string;
}

const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

/** The sum of the amounts, as a two-place decimal string. */
export function scheduleTotal(items: readonly Pick<Instalment, "amount">[]): string {
  return items.reduce((sum, i) => sum.plus(i.amount), new D(0)).toFixed(2);
}

/** How far the schedule is from the total (total − sum), "0.00" when it adds up. */
export function scheduleShortfall(total: string, items: readonly Pick<Instalment, "amount">[]): string {
  return new D(total).minus(scheduleTotal(items)).toFixed(2);
}

/**
 * `total` split into `count` amounts in whole cents that add up to it exactly: every amount is
 * the floor share, and the leftover cents go one each to the first instalments (so no amount
 * differs from another by more than a cent).
 */
export function splitEvenly(total: string, count: number): string[] {
  if (!Number.isInteger(count) || count < 1) throw new RangeError("count must be a whole number of at least 1");
  const cents = new D(total).times(100);
  if (!cents.isInteger() || cents.isNegative()) throw new RangeError("total must be a non-negative amount in cents");
  const share = cents.dividedToIntegerBy(count);
  const leftover = cents.minus(share.times(count)).toNumber();
  return Array.from({ length: count }, (_, i) => share.plus(i < leftover ? 1 : 0).dividedBy(100).toFixed(2));
}

/** `day` (YYYY-MM-DD) plus whole months, kept on the last day of a shorter month (Jan 31 + 1 → Feb 28). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export const SCHEDULE_FREQUENCIES = { once: 0, monthly: 1, quarterly: 3, yearly: 12 } as const;
export type ScheduleFrequency = keyof typeof SCHEDULE_FREQUENCIES;

/** `count` instalments from `firstDue`, every month, quarter or year, adding up to `total`. */
export function buildSchedule(total: string, count: number, firstDue: string, frequency: ScheduleFrequency): Instalment[] {
  const n = frequency === "once" ? 1 : count;
  const step = SCHEDULE_FREQUENCIES[frequency];
  return splitEvenly(total, n).map((amount, i) => ({
    dueDate: addMonths(firstDue, i * step),
    amount,
    description: n === 1 ? "Payment in full" : `Instalment ${i + 1} of ${n}`,
  }));
}

/** Whole months from `start` to `end` when the term is a whole number of months, else null. */
export function termMonths(start: string, end: string): number | null {
  const [sy, sm] = start.split("-").map(Number) as [number, number];
  const [ey, em] = end.split("-").map(Number) as [number, number];
  const months = (ey - sy) * 12 + (em - sm);
  // A term "Jan 1 – Dec 31" is 12 months: the end is the day before start + months.
  for (const candidate of [months, months + 1]) {
    if (candidate > 0 && addDays(addMonths(start, candidate), -1) === end) return candidate;
  }
  return null;
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The next term of a contract running `start`–`end` (inclusive): it starts the day after the
 * end and lasts as long — the same number of months when the term is whole months (so a
 * 12-month contract renews for 12 months, whatever the month lengths), else the same days.
 */
export function nextTerm(start: string, end: string): { start: string; end: string; shift: (day: string) => string } {
  const nextStart = addDays(end, 1);
  const months = termMonths(start, end);
  if (months !== null) return { start: nextStart, end: addDays(addMonths(nextStart, months), -1), shift: (day) => addMonths(day, months) };
  const days = daysBetween(start, end) + 1;
  return { start: nextStart, end: addDays(end, days), shift: (day) => addDays(day, days) };
}

// A calendar day typed into a filter ("2026-01-31"), as a zod field and as UTC bounds. The app
// shows times in UTC, so a day filter means that UTC day.
import { z } from "zod";

const startOf = (day: string) => new Date(`${day}T00:00:00.000Z`);

/** A YYYY-MM-DD that names a real day (2026-02-30 does not) in a year PostgreSQL has. */
export const isRealDay = (s: string) => !s.startsWith("0000") && !Number.isNaN(startOf(s).getTime()) && startOf(s).toISOString().startsWith(s);

/**
 * Optional YYYY-MM-DD; blank means not given. Date.parse accepts 2026-02-30 (it rolls over to
 * March), so a day is real only if it survives the round trip; PostgreSQL has no year 0, so
 * years start at 1 (anything else would fail in the database instead of at the boundary).
 */
export const optionalIsoDay = (label: string) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z.string().trim()
      .regex(/^\d{4}-\d{2}-\d{2}$/, `${label} must be a date like 2026-01-31`)
      .refine(isRealDay, `${label} is not a real date`)
      .optional(),
  ).optional();

/** The first instant of a UTC day. */
export const dayStart = (day: string) => startOf(day);

/** The last millisecond of a UTC day (inclusive "to"; never rolls into year 10000). */
export const dayEnd = (day: string) => new Date(`${day}T23:59:59.999Z`);

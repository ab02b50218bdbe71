// Zod pieces for form fields, shared by forms and procedures: what a person types into an
// input (always a string) becomes the typed value or null.
import { z } from "zod";
import { isRealDay } from "./iso-day";

const blankToNull = (value: unknown) => (typeof value === "string" && value.trim() === "" ? null : value);

/** Optional free text: trimmed, empty means null, with a maximum length. */
export const optionalText = (max: number, label = "This") =>
  z.preprocess(blankToNull, z.string().trim().max(max, `${label} is too long (at most ${max} characters)`).nullable()).optional();

export const optionalEmail = z.preprocess(
  blankToNull,
  z.string().trim().toLowerCase().max(320, "That email is too long").pipe(z.email("Enter a valid email address")).nullable(),
).optional();

export const optionalUrl = z.preprocess(
  (value) => {
    const v = blankToNull(value);
    // People type "acme.com"; store a URL.
    return typeof v === "string" && !/^[a-z][a-z0-9+.-]*:/i.test(v.trim()) ? `https://${v.trim()}` : v;
  },
  z.string().trim().max(2048, "That address is too long").pipe(z.url({ protocol: /^https?$/, message: "Enter a web address like https://example.com" })).nullable(),
).optional();

export const optionalPhone = z.preprocess(
  blankToNull,
  z.string().trim().max(50, "That phone number is too long").regex(/^[+()0-9 .\-x]{3,}$/i, "Use digits, spaces and + ( ) - . only").nullable(),
).optional();

/** Optional calendar day; blank means null. A day that does not exist (2026-02-30, year 0) is refused, never rolled over. */
export const optionalDate = z.preprocess(
  blankToNull,
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-01-31").refine(isRealDay, "That date does not exist").nullable(),
).optional();

export const optionalCount = (label: string) =>
  z.preprocess(blankToNull, z.coerce.number({ message: `${label} must be a number` }).int(`${label} must be a whole number`).min(0, `${label} cannot be negative`).max(2_000_000_000).nullable()).optional();

/** Money as a decimal string (never a float): up to 13 digits and 2 decimals. */
export const optionalMoney = (label: string) =>
  z.preprocess(
    (value) => {
      const v = blankToNull(value);
      return typeof v === "string" ? v.replace(/[,\s]/g, "") : typeof v === "number" ? String(v) : v;
    },
    z.string().regex(/^\d{1,13}(\.\d{1,2})?$/, `${label} must be an amount like 125000 or 99.50`).nullable(),
  ).optional();

export const currencySchema = z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, "Use a 3-letter currency code like USD").default("USD");

export const optionalUuid = z.preprocess(blankToNull, z.uuid("Choose one from the list").nullable()).optional();

/** "2026-01-31" → a Date at UTC midnight, for @db.Date columns. */
export const toDateOnly = (value: string | null | undefined) => (value ? new Date(`${value}T00:00:00.000Z`) : value);

/**
 * Optional moment in time as an ISO string. Forms convert their datetime-local value (the
 * person's own clock) to ISO before sending, so the server never guesses a time zone.
 */
export const optionalDateTime = z.preprocess(
  blankToNull,
  z.string().max(40).refine((s) => !Number.isNaN(Date.parse(s)), "Use a date and time like 2026-01-31 14:30").nullable(),
).optional();

export const toDateTime = (value: string | null | undefined) => (value ? new Date(value) : value);

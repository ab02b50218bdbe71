// Unexpected errors: the server log gets everything (message, stack, causes) under a short
// reference; the client gets only the reference, so support can find the entry and nothing
// about the database, queries or code ever leaves the server.
import { randomInt } from "node:crypto";
import { DATABASE_UNAVAILABLE_MESSAGE } from "@/lib/database-unavailable";
import { unexpectedErrorMessage } from "@/lib/error-reference";

export { unexpectedErrorMessage };

// Crockford's base32: no I, L, O or U, so a reference read out over the phone is unambiguous.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

export function newErrorRef(): string {
  return Array.from({ length: 6 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
}

// One error is logged once, under one reference, however many layers report it.
const refs = new WeakMap<object, string>();

/** Logs an unexpected error with its stack and returns the reference to show instead. */
export function reportUnexpected(error: unknown, where: string): string {
  const key = error && typeof error === "object" ? error : null;
  const known = key && refs.get(key);
  if (known) return known;
  const ref = newErrorRef();
  if (key) refs.set(key, ref);
  console.error(`[ref ${ref}] ${where} failed:`, error);
  return ref;
}

const reported = new WeakSet<object>();

/** One line per request that met the outage: enough for operators, without a stack each time. */
export function reportDatabaseUnavailable(error: unknown, where: string): void {
  if (error && typeof error === "object") {
    if (reported.has(error)) return;
    reported.add(error);
  }
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const detail = cause instanceof Error ? cause.message.trim().split("\n").pop() : String(cause);
  console.warn(`${where}: ${DATABASE_UNAVAILABLE_MESSAGE} (${detail})`);
}

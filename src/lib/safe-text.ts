// Text PostgreSQL can store. Two kinds of JavaScript string cannot go into the database: a NUL
// character (text and jsonb refuse U+0000) and a lone UTF-16 surrogate (jsonb refuses its
// escape, and every mutation's input lands in the audit log's jsonb). Both are refused at the
// edge (the tRPC input check, the public forms) so they never reach a query as a 500.

const NUL = "\u0000";
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const NUL_MESSAGE = "This text contains a null character (U+0000), which cannot be saved; remove it";
export const SURROGATE_MESSAGE = "This text contains a broken character (an unpaired UTF-16 surrogate); type or paste it again";

/** Why this string cannot be stored, or null when it can. */
export function unsafeTextProblem(text: string): string | null {
  if (text.includes(NUL)) return NUL_MESSAGE;
  if (LONE_SURROGATE.test(text)) return SURROGATE_MESSAGE;
  return null;
}

export interface UnsafeText {
  /** Where in the value: object keys and array indexes, as zod names an issue's path. */
  path: (string | number)[];
  message: string;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

interface Visit {
  value: unknown;
  key: string | number | null;
  parent: Visit | null;
}

function pathOf(visit: Visit): (string | number)[] {
  const path: (string | number)[] = [];
  for (let at: Visit | null = visit; at?.parent; at = at.parent) path.push(at.key!);
  return path.reverse();
}

/**
 * The first string (value or object key) anywhere in `value` that cannot be stored, with its
 * path. Walks plain objects and arrays with an explicit stack (each entry points at its parent,
 * so the path is built only for a hit): however deep the input is nested, this neither
 * overflows the call stack nor copies paths. Other objects (Date, Map, binary) are skipped.
 */
export function findUnsafeText(value: unknown): UnsafeText | null {
  const stack: Visit[] = [{ value, key: null, parent: null }];
  while (stack.length) {
    const visit = stack.pop()!;
    const current = visit.value;
    if (typeof current === "string") {
      const message = unsafeTextProblem(current);
      if (message) return { path: pathOf(visit), message };
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push({ value: current[i], key: i, parent: visit });
    } else if (isPlainObject(current)) {
      const keys = Object.keys(current);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i]!;
        const child = { value: current[key], key, parent: visit };
        const message = unsafeTextProblem(key);
        if (message) return { path: pathOf(child), message };
        stack.push(child);
      }
    }
  }
  return null;
}

/** `text` with NUL characters and lone surrogates removed, for data that is kept rather than refused (CSV cells). */
export function stripUnsafeText(text: string): string {
  if (unsafeTextProblem(text) === null) return text;
  return text.replaceAll(NUL, "").replace(new RegExp(LONE_SURROGATE.source, "g"), "");
}

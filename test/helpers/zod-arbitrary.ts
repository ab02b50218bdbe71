// fast-check arbitraries built from a zod 4 schema, for fuzzing procedures: values shaped like
// the input (so most get past validation and reach services and the database) whose leaves are
// often hostile (NUL, lone surrogates, very long, RTL, emoji, SQL-ish, huge numbers, dates where
// numbers belong) and, in chaos mode, now and then of the wrong type altogether. No
// zod-fast-check exists for zod 4, so this walks `schema._zod.def` itself.
import fc from "fast-check";
import { stripUnsafeText } from "@/lib/safe-text";

type Def = Record<string, unknown> & { type: string; checks?: { _zod: { def: CheckDef } }[] };
type CheckDef = { check: string; minimum?: number; maximum?: number; value?: number | bigint; format?: string; pattern?: RegExp };
type Schema = { _zod: { def: Def }; safeParse(value: unknown): { success: boolean } };

export interface ArbitraryContext {
  /** Real ids worth trying for a field of this name (its own first), and every real id. */
  idsFor(field: string | undefined): { own: string[]; all: string[] };
}

/**
 * - shaped: what the schema accepts, as far as can be told, with hostile text wherever free
 *   text goes (NUL and lone surrogates included), so it reaches the service and the database;
 * - storable: the same without NUL and lone surrogates, so long, RTL, emoji and SQL-ish text
 *   get past the check that refuses those and reach the database too;
 * - chaos: any part may also be of the wrong type, out of range or malformed.
 */
export type FuzzMode = "shaped" | "storable" | "chaos";

/** Strings that break things: characters PostgreSQL refuses, odd scripts, injection-shaped text. */
export const HOSTILE_STRINGS = [
  "\u0000", "nul\u0000inside", "\ud800", "lone \udc00 low", "high at end \ud83d",
  "\u202eright-to-left override", "שלום עולם", "مرحبا بالعالم", "👩‍👩‍👧‍👦🏳️‍🌈", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "e\u0301\u0301\u0301", "\ufeffBOM", "zero\u200bwidth",
  "'; DROP TABLE companies; --", "' OR '1'='1", "%", "_", "\\", "%_\\%", "$1", "${0}", "{{7*7}}", "<script>alert(1)</script>", "=HYPERLINK(\"x\")",
  "null", "undefined", "NaN", "-1", "1e400", "", " ", "\t\r\n",
];

/** Strings that often satisfy a format: each schema keeps the ones it accepts. */
const SAMPLE_STRINGS = [
  "2026-01-31", "2026-02-28", "1970-01-01", "9999-12-31", "2026-03-15T10:30:00.000Z", "2026-03-15T10:30", "+275760-09-13T00:00:00.000Z",
  "USD", "EUR", "JPY", "+1 555 0100", "https://example.com", "example.com", "http://127.0.0.1:1/", "hello@example.com", "UPPER@Example.COM",
  "Europe/Berlin", "UTC", "Mars/Olympus", "#2563eb", "leads:read", "companies:write", "organization:admin", "123456", "12345678",
  "0", "1", "10", "100", "99.50", "1500", "8.25", "-5", "9999999999999.99", "1e3", "acme", "my-org", "Pilot", "Acme Inc",
  "0123456789abcdef0123456789abcdef", "prly_0123456789abcdef_secret", "correct-horse-battery-staple-42", "data:image/png;base64,iVBORw0KGgo=",
];

export const HOSTILE_NUMBERS: unknown[] = [
  2 ** 31, 2 ** 31 - 1, -(2 ** 31) - 1, 2 ** 53, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 1e21, 1e308, -1e308,
  Infinity, -Infinity, NaN, -0, 0.1, 1.5, -1, new Date(), new Date(8.64e15), new Date(Number.NaN), "1e400", "99999999999", "12abc", "", " 42 ", true,
];

/** A value of the wrong type, whatever was expected. */
export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(null, undefined, true, false, 0, -1, 2 ** 31, 1e308, NaN, "", "\u0000", [], {}, new Date(0), new Date(), new Date(Number.NaN), 10n, [null], { id: null }),
  fc.jsonValue({ maxDepth: 2 }),
);

const ARRAY_MAX = 6;
const UNBOUNDED_TEXT = 100_000;

interface At {
  mode: FuzzMode;
  /** The object key this value is for (ids are chosen by it). */
  field?: string;
  depth: number;
}

const defOf = (schema: unknown): Def => (schema as Schema)._zod.def;
const checksOf = (def: Def) => (def.checks ?? []).map((c) => c._zod.def);
const minOf = (checks: CheckDef[], kind: string) => Math.max(0, ...checks.filter((c) => c.check === kind).map((c) => c.minimum ?? 0));
const maxOf = (checks: CheckDef[], kind: string) => Math.min(...checks.filter((c) => c.check === kind).map((c) => c.maximum ?? Infinity));

/** Pads or cuts a string to fit [min, max] UTF-16 units (cutting may split a pair: one more hostile case). */
function fit(text: string, min: number, max: number): string {
  const padded = text.length < min ? text + "x".repeat(min - text.length) : text;
  return padded.length > max ? padded.slice(0, max) : padded;
}

const weighted = (weight: number, arbitrary: fc.Arbitrary<unknown>): fc.WeightedArbitrary<unknown> => ({ weight, arbitrary });

/** The valid choices, plus in chaos mode (one time in `odds`) the invalid ones. */
function mix(at: At, valid: fc.WeightedArbitrary<unknown>[], invalid: fc.WeightedArbitrary<unknown>[], odds = 4): fc.Arbitrary<unknown> {
  if (at.mode !== "chaos" || !invalid.length) return fc.oneof(...valid);
  return fc.oneof(weighted(odds - 1, fc.oneof(...valid)), weighted(1, fc.oneof(...invalid)));
}

/** Text to fill a free-text field of [min, max] characters. */
function freeText(min: number, cap: number, mode: FuzzMode): fc.WeightedArbitrary<unknown>[] {
  const clean = (arbitrary: fc.Arbitrary<string>) => (mode === "storable" ? arbitrary.map((s) => fit(stripUnsafeText(s), min, cap)) : arbitrary);
  const pieces = fc.constantFrom("Acme", " ", "é", "😀", "\u202e", "'", "%", "--", ";", "\n", "שלום", "\\", "_");
  const unstorable = fc.constantFrom("\u0000", "\ud800", "\udc00");
  return [
    weighted(3, fc.string({ minLength: min, maxLength: Math.max(min, Math.min(cap, 30)) })),
    weighted(4, clean(fc.array(pieces, { minLength: 1, maxLength: 8 }).map((p) => fit(p.join(""), min, cap)))),
    weighted(4, clean(fc.tuple(fc.array(pieces, { maxLength: 3 }), unstorable).map(([p, bad]) => fit([...p, bad].join(""), min, cap)))),
    weighted(2, clean(fc.constantFrom(...HOSTILE_STRINGS).map((s) => fit(s, min, cap)))),
    // The longest it allows, in one-, two- and four-byte characters.
    weighted(1, fc.constantFrom("x", "é", "😀").map((c) => fit(c.repeat(Math.ceil(cap / c.length)), min, cap))),
    weighted(1, clean(fc.string({ unit: "binary", maxLength: 20 }).map((s) => fit(s, min, cap)))),
  ];
}

function stringArbitrary(schema: Schema, def: Def, at: At, ctx: ArbitraryContext): fc.Arbitrary<unknown> {
  const checks = checksOf(def);
  const min = minOf(checks, "min_length");
  const max = maxOf(checks, "max_length");
  const cap = Number.isFinite(max) ? max : UNBOUNDED_TEXT;
  const pattern = (def.pattern as RegExp | undefined) ?? checks.find((c) => c.check === "string_format" && c.pattern)?.pattern;
  const invalid = [weighted(2, fc.constantFrom(...HOSTILE_STRINGS).map((s) => fit(s, min, cap))), weighted(1, wrongType)];
  if (def.format === "uuid" || def.format === "guid") {
    const { own, all } = ctx.idsFor(at.field);
    const ids = [weighted(2, fc.uuid())];
    if (own.length) ids.push(weighted(8, fc.constantFrom(...own)));
    if (all.length) ids.push(weighted(3, fc.constantFrom(...all)));
    return mix(at, ids, invalid);
  }
  const valid: fc.WeightedArbitrary<unknown>[] = [];
  const samples = SAMPLE_STRINGS.filter((s) => schema.safeParse(s).success);
  if (samples.length) valid.push(weighted(6, fc.constantFrom(...samples)));
  if (def.format === "email") valid.push(weighted(4, fc.emailAddress()));
  if (pattern) {
    try {
      valid.push(weighted(3, fc.stringMatching(pattern)));
    } catch {
      // A pattern fast-check cannot generate from: the samples remain.
    }
  }
  if (!valid.length || (!pattern && !def.format)) valid.push(...freeText(min, cap, at.mode));
  return mix(at, valid, invalid);
}

function numberArbitrary(def: Def, at: At): fc.Arbitrary<unknown> {
  const checks = checksOf(def);
  const isInt = checks.some((c) => c.check === "number_format" && /int/.test(c.format ?? ""));
  const lows = checks.filter((c) => c.check === "greater_than").map((c) => Number(c.value));
  const highs = checks.filter((c) => c.check === "less_than").map((c) => Number(c.value));
  const lo = lows.length ? Math.max(...lows) : -1_000_000;
  const hi = highs.length ? Math.min(...highs) : 1_000_000;
  const inRange = isInt ? fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) }) : fc.double({ min: lo, max: hi, noNaN: true });
  const valid = [weighted(6, inRange), weighted(2, fc.constantFrom(lo, hi))];
  if (def.coerce) valid.push(weighted(1, inRange.map(String)));
  // A number without a maximum (or minimum) accepts values no int4 column holds: try them, and,
  // when it coerces, a date (a Date coerces to its milliseconds).
  if (!highs.length) valid.push(weighted(3, fc.constantFrom<unknown>(2 ** 31, Number.MAX_SAFE_INTEGER, ...(isInt ? [] : [1e300]), ...(def.coerce ? [new Date()] : []))));
  if (!lows.length) valid.push(weighted(1, fc.constantFrom<unknown>(-(2 ** 31) - 1, -Number.MAX_SAFE_INTEGER)));
  return mix(at, valid, [weighted(3, fc.constantFrom(...HOSTILE_NUMBERS)), weighted(1, wrongType)]);
}

function objectArbitrary(def: Def, ctx: ArbitraryContext, at: At): fc.Arbitrary<unknown> {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  const required: string[] = [];
  for (const [key, field] of Object.entries(def.shape as Record<string, Schema>)) {
    model[key] = arbitraryAt(field, ctx, { ...at, field: key, depth: at.depth + 1 });
    if (!["optional", "default", "prefault"].includes(defOf(field).type)) required.push(key);
  }
  return mix(at, [weighted(1, fc.record(model, { requiredKeys: required }))], [weighted(1, wrongType)], 12);
}

/** A value shaped by `schema` (see FuzzMode). */
export function arbitraryFor(schema: unknown, ctx: ArbitraryContext, mode: FuzzMode): fc.Arbitrary<unknown> {
  return arbitraryAt(schema, ctx, { mode, depth: 0 });
}

function arbitraryAt(schema: unknown, ctx: ArbitraryContext, at: At): fc.Arbitrary<unknown> {
  if (!schema || at.depth > 8) return wrongType;
  const def = defOf(schema);
  const inner = (s: unknown, field = at.field) => arbitraryAt(s, ctx, { ...at, field, depth: at.depth + 1 });
  const wrong = [weighted(1, wrongType)];
  switch (def.type) {
    case "object":
      return objectArbitrary(def, ctx, at);
    case "string":
      return stringArbitrary(schema as Schema, def, at, ctx);
    case "number":
      return numberArbitrary(def, at);
    case "bigint":
      return mix(at, [weighted(1, fc.bigInt())], wrong);
    case "boolean":
      return mix(at, [weighted(1, fc.boolean())], [weighted(1, fc.constantFrom<unknown>("true", "on", 1, 0)), ...wrong], 8);
    case "date":
      return mix(at, [weighted(4, fc.date({ noInvalidDate: true })), weighted(1, fc.constantFrom(new Date(8.64e15), new Date(-8.64e15)))], [weighted(1, fc.constant(new Date(Number.NaN))), ...wrong]);
    case "enum":
      return mix(at, [weighted(1, fc.constantFrom(...Object.values(def.entries as Record<string, unknown>)))], [weighted(1, fc.constantFrom(...HOSTILE_STRINGS)), ...wrong], 8);
    case "literal":
      return mix(at, [weighted(1, fc.constantFrom(...(def.values as unknown[])))], wrong, 8);
    case "array": {
      const checks = checksOf(def);
      const min = Math.min(minOf(checks, "min_length"), ARRAY_MAX);
      const max = maxOf(checks, "max_length");
      const valid = fc.array(inner(def.element), { minLength: min, maxLength: Math.max(min, Math.min(max, ARRAY_MAX)) });
      // One more than allowed, where there is a limit, is a wrong input of its own.
      const tooLong = Number.isFinite(max) && max < 1000 ? [weighted(1, fc.array(inner(def.element), { minLength: max + 1, maxLength: max + 1 }))] : [];
      return mix(at, [weighted(1, valid)], [...tooLong, ...wrong], 8);
    }
    case "record": {
      const keys = arbitraryAt(def.keyType, ctx, { ...at, depth: at.depth + 1 }).filter((k): k is string => typeof k === "string");
      return mix(at, [weighted(1, fc.dictionary(keys, inner(def.valueType), { maxKeys: 4 }))], wrong, 8);
    }
    case "tuple":
      return fc.tuple(...(def.items as unknown[]).map((s) => inner(s)));
    case "union":
      return fc.oneof(...(def.options as unknown[]).map((s) => inner(s)));
    case "intersection":
      return fc.tuple(inner(def.left), inner(def.right)).map(([l, r]) => (typeof l === "object" && typeof r === "object" && l && r ? { ...l, ...r } : l));
    case "optional":
      return fc.oneof(weighted(1, fc.constant(undefined)), weighted(4, inner(def.innerType)));
    case "nullable":
      return fc.oneof(weighted(1, fc.constant(null)), weighted(4, inner(def.innerType)));
    case "default":
    case "prefault":
    case "readonly":
    case "catch":
    case "nonoptional":
    case "promise":
      return inner(def.innerType);
    case "pipe": {
      // z.preprocess(fn, schema) is a pipe whose input side is a transform: generate for what it
      // feeds. A pipe into a stricter schema (text piped into z.url()) also gets the samples the
      // whole pipe accepts, which its input side alone would rarely hit.
      const side = inner(defOf(def.in).type === "transform" ? def.out : def.in);
      const samples = SAMPLE_STRINGS.filter((s) => (schema as Schema).safeParse(s).success);
      return samples.length ? fc.oneof(weighted(1, side), weighted(1, fc.constantFrom(...samples))) : side;
    }
    case "lazy":
      return inner((def.getter as () => unknown)());
    case "null":
      return mix(at, [weighted(1, fc.constant(null))], wrong);
    case "undefined":
    case "void":
      return mix(at, [weighted(1, fc.constant(undefined))], wrong);
    default:
      // any, unknown, custom, transform: anything at all.
      return fc.oneof(wrongType, fc.constantFrom(...HOSTILE_STRINGS), fc.constantFrom(...HOSTILE_NUMBERS));
  }
}

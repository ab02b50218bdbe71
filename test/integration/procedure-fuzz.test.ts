// Every procedure of the app router, fuzzed from its own zod input schema: hostile text (NUL,
// lone surrogates, very long, RTL, emoji, SQL-ish), wrong types, huge numbers, dates where
// numbers belong, and real ids of a populated organization, called as its owner (every
// permission), as an API key with every scope, and signed out. Whatever the input, the answer
// is a result or a 4xx: never a 5xx. The procedures come from the router, so a new one is fuzzed
// without anyone listing it.
//
// Bounded: FUZZ_RUNS inputs per procedure (default 15). A failure names the procedure, the seed
// and the input; rerun it with FUZZ_SEED=<seed> FUZZ_ONLY=<procedure>.
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { type PermissionName, ACTIONS, RESOURCES } from "@/features/roles/permissions";
import { appRouter, createCaller } from "@/server/api/root";
import { type ApiKeyPrincipal, authenticateApiKey } from "@/server/db/system/api-keys";
import { callerAs, ownerPool } from "../helpers/fixtures";
import { type TenantWorld, buildTenantWorld } from "../helpers/tenant-data";
import { arbitraryFor, wrongType } from "../helpers/zod-arbitrary";

const RUNS = Number(process.env.FUZZ_RUNS ?? 15);
const BASE_SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const ONLY = process.env.FUZZ_ONLY;
/** FUZZ_STATS=1 prints, per procedure, how many inputs succeeded and which codes the rest got. */
const stats = new Map<string, Record<string, number>>();

type AnyProcedure = { _def: { type: string; inputs: unknown[] } };
const procedures = Object.entries((appRouter._def as unknown as { procedures: Record<string, AnyProcedure> }).procedures);

/**
 * The order they are fuzzed in, so that the organization's records live as long as possible:
 * queries, then mutations, then those that delete or close records, in reverse router order
 * (features come after the ones they build on, so a contract goes before its deal). Only the
 * order depends on names; every procedure is fuzzed whatever it is called.
 */
const ENDS_A_RECORD = /^(delete|remove|undo|revoke|terminate|withdraw|deactivate|mark|reject|transfer)/;
const endsARecord = (path: string) => ENDS_A_RECORD.test(path.split(".").pop()!);
const ordered = [
  ...procedures.filter(([, p]) => p._def.type === "query"),
  ...procedures.filter(([path, p]) => p._def.type !== "query" && !endsARecord(path)),
  ...procedures.filter(([path, p]) => p._def.type !== "query" && endsARecord(path)).reverse(),
];

/** Procedures counted the other way: walking the router tree (nested routers) to its leaves. */
function countLeaves(record: Record<string, unknown>): number {
  let n = 0;
  for (const node of Object.values(record)) {
    const def = (node as { _def?: { procedure?: boolean; record?: Record<string, unknown> } })._def;
    if (def?.procedure) n++;
    else n += countLeaves(def?.record ?? (node as Record<string, unknown>));
  }
  return n;
}

/** A seed per procedure, so one procedure's failure replays alone. */
function seedFor(path: string): number {
  let hash = BASE_SEED | 0;
  for (const ch of path) hash = (Math.imul(hash, 31) + ch.charCodeAt(0)) | 0;
  return hash;
}

/** The input, readable: long strings shortened, invisible characters escaped by JSON. */
function show(value: unknown): string {
  return JSON.stringify(value, function (key, v: unknown) {
    const raw = (this as Record<string, unknown>)[key];
    if (raw instanceof Date) return `Date(${Number.isNaN(raw.getTime()) ? "invalid" : raw.getTime()})`;
    if (typeof v === "bigint") return `${v}n`;
    if (typeof v === "number" && !Number.isFinite(v)) return String(v);
    if (typeof v === "string" && v.length > 120) return `${v.slice(0, 40)}…(${v.length} chars)`;
    if (v === undefined && key !== "") return "<undefined>";
    return v;
  }) ?? "undefined";
}

/** An error's message, or its zod issues as "path message", for FUZZ_STATS=messages. */
function reason(error: TRPCError): string {
  const issues = error.cause instanceof ZodError ? error.cause.issues : null;
  return issues ? issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ").slice(0, 300) : error.message.slice(0, 120);
}

function deepMerge(base: unknown, over: unknown): unknown {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Date);
  if (!isObject(base) || !isObject(over)) return over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = deepMerge(base[k], v);
  return out;
}

let world: TenantWorld;
let apiKey: ApiKeyPrincipal;
let allIds: string[];

async function currentSlug(): Promise<string> {
  // A fuzzed organizations.update may have renamed the organization's address: follow it.
  const { rows } = await ownerPool().query<{ slug: string }>("SELECT slug FROM organizations WHERE id = $1", [world.b.orgId]);
  return rows[0]!.slug;
}

type As = "owner" | "apiKey" | "anonymous";

async function callerFor(as: As) {
  const meta = { ip: "203.0.113.9", userAgent: "procedure-fuzz" };
  if (as === "apiKey") return createCaller({ session: null, apiKey, meta, orgSlug: null });
  return callerAs(as === "owner" ? world.b.owner : null, await currentSlug());
}

function procedureOf(caller: ReturnType<typeof createCaller>, path: string) {
  return path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (input: unknown) => Promise<unknown>;
}

beforeAll(async () => {
  world = await buildTenantWorld();
  const all = RESOURCES.flatMap((r) => ACTIONS.map((a) => `${r}:${a}` as PermissionName));
  const key = await callerAs(world.b.owner, world.b.slug).apiKeys.create({ name: "Fuzz everything", permissions: all });
  const auth = await authenticateApiKey(key.token);
  if (!auth.ok) throw new Error(auth.reason);
  apiKey = auth.principal;
  allIds = [...new Set([...Object.values(world.bIds), world.b.orgId, world.a.owner.id])];
}, 180_000);

afterAll(() => {
  if (!process.env.FUZZ_STATS) return;
  for (const [path, counts] of stats) console.log(path.padEnd(40), Object.entries(counts).map(([k, n]) => `${k}=${n}`).join(" "));
});

describe("every procedure, fuzzed from its input schema", () => {
  it("fuzzes exactly the procedures the router has", () => {
    expect(procedures.length).toBeGreaterThan(100);
    expect(procedures.length).toBe(countLeaves(appRouter._def.record as Record<string, unknown>));
    expect(new Set(ordered.map(([path]) => path)).size).toBe(procedures.length);
  });

  it.each(ordered.filter(([path]) => !ONLY || path === ONLY).map(([path]) => path))("%s never answers with a 5xx", async (path) => {
    const procedure = Object.fromEntries(procedures)[path]!;
    const [router] = path.split(".");
    const ctx = {
      idsFor: (field: string | undefined) => ({
        own: [world.bIds[`${router}.${field}`], field ? world.bIds[field] : undefined].filter((id): id is string => !!id),
        all: allIds,
      }),
    };
    // Inputs in each mode (see FuzzMode), and shaped ones completed with the known-good values
    // the isolation suite uses for this procedure.
    const schema = procedure._def.inputs[0];
    const [shaped, storable, chaotic] = (["shaped", "storable", "chaos"] as const).map((mode) => (schema ? arbitraryFor(schema, ctx, mode) : fc.oneof(fc.constant(undefined), wrongType)));
    const known = world.extraInput[path];
    const input = fc.oneof(
      { weight: 3, arbitrary: shaped! }, { weight: 2, arbitrary: storable! }, { weight: 2, arbitrary: chaotic! },
      ...(known ? [{ weight: 2, arbitrary: shaped!.map((g) => deepMerge(g, known)) }, { weight: 2, arbitrary: storable!.map((g) => deepMerge(g, known)) }] : []),
    );
    const as = fc.constantFrom<As>("owner", "owner", "owner", "owner", "owner", "apiKey", "anonymous");

    const seed = seedFor(path);
    const result = await fc.check(
      fc.asyncProperty(as, input, async (who, value) => {
        const tally = (outcome: string) => {
          const counts = stats.get(path) ?? {};
          counts[outcome] = (counts[outcome] ?? 0) + 1;
          stats.set(path, counts);
        };
        try {
          await procedureOf(await callerFor(who), path)(value);
          tally("OK");
        } catch (error) {
          if (!(error instanceof TRPCError)) throw error;
          tally(process.env.FUZZ_STATS === "messages" ? `${error.code}: ${reason(error)}` : error.code);
          const status = getHTTPStatusCodeFromError(error);
          if (status >= 500) {
            const cause = error.cause instanceof Error ? `${error.cause.name}: ${error.cause.message}` : "none";
            throw new Error(`${error.code} (${status}) as ${who}: ${error.message}\n  cause: ${cause.slice(0, 600)}`);
          }
        }
      }),
      { numRuns: RUNS, seed, endOnFailure: true },
    );
    if (result.failed) {
      const [who, value] = result.counterexample ?? [];
      const message = result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance);
      throw new Error(`${path} answered with a 5xx.\n  ${message}\n  input: ${show(value)} (as ${who})\n  replay: FUZZ_SEED=${BASE_SEED} FUZZ_ONLY=${path} (seed ${seed}, path ${result.counterexamplePath})`);
    }
  }, 120_000);
});

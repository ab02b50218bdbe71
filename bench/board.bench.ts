// npm run bench:board — the pipeline board's server work on a big organization:
//   getBoard (the function the board page calls) through withOrg: app role, RLS, one transaction
//   raw SQL: one hand-written statement returning the same data, raw pg as the owner (the floor)
// on one organization with 50,000 open deals among 100 others. Prints ratios and whether the
// targets (within 2x of raw SQL, p95 under 150 ms) are met; it asserts no time. It does exit
// non-zero if the two variants disagree about the data, since then the comparison means nothing.
// BENCH_BREAKDOWN=1 adds getBoard on Prisma as the owner (no RLS, no transaction).
import pg from "pg";
import { boardSchema } from "../src/features/pipelines/pipelines.schema";
import { getBoard } from "../src/features/pipelines/pipelines.service";
import { createOrgScope } from "../src/server/api/scope";
import { closeClient, createClient, disconnectAll } from "../src/server/db/client";
import { withOrg } from "../src/server/db/tenant";
import { NOISE_ORGS, TARGET_OPEN, seedBoardData } from "./board-data";
import { measureInterleaved, openBenchDatabase, printStats } from "./harness";

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 200);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 20);
const TARGET_RATIO = 2;
const TARGET_P95_MS = 150;

const db = await openBenchDatabase();
const owner = new pg.Pool({ connectionString: db.url, max: 4 });
console.log(`Seeding 1 organization with ${TARGET_OPEN} open deals and ${NOISE_ORGS} of noise…`);
const seedStart = Date.now();
const target = await seedBoardData(owner);
const { rows: [sizes] } = await owner.query<{ opportunities: number; open_on_board: number; companies: number }>(
  `SELECT (SELECT count(*) FROM opportunities)::int AS opportunities, (SELECT count(*) FROM companies)::int AS companies,
          (SELECT count(*) FROM opportunities WHERE pipeline_id = $1 AND status = 'open' AND NOT is_archived)::int AS open_on_board`,
  [target.pipelineId],
);
console.log(`Seeded in ${((Date.now() - seedStart) / 1000).toFixed(1)} s: ${sizes!.opportunities} opportunities, ${sizes!.companies} companies; ${sizes!.open_on_board} open on the measured board`);

// Exactly what the page asks for with default filters (board view: 50 cards per stage).
const input = boardSchema.parse({ pipelineId: target.pipelineId, ownerId: undefined, closeFrom: undefined, closeTo: undefined, perStage: 50 });
const actor = { orgId: target.orgId, userId: target.userId, meta: { ip: "127.0.0.1", userAgent: "bench" } };
const service = () => withOrg(actor, (tx) => getBoard(createOrgScope(tx, actor), input));

// The baseline: the same data in one statement. Each stage's totals and its first cards come
// from LATERAL subqueries, so each stage's top N is a bounded top-N sort rather than numbering
// every open deal of the pipeline; one row per card, and one (card columns NULL) for an empty stage.
const BOARD_SQL = `
  SELECT p.name AS pipeline_name, s.id AS stage_id, s.name AS stage_name, s.probability, s.rotting_days, s.is_won, s.is_lost,
         t.count, t.value, t.weighted,
         c.id, c.name, c.value::text AS card_value, c.currency, c.expected_close_date, c.stage_entered_at,
         co.name AS company_name, u.full_name AS owner_name
  FROM pipelines p
  JOIN pipeline_stages s ON s.organization_id = p.organization_id AND s.pipeline_id = p.id
  CROSS JOIN LATERAL (
    SELECT count(*)::int AS count, coalesce(sum(o.value), 0)::text AS value, coalesce(sum(o.weighted_value), 0)::text AS weighted
    FROM opportunities o
    WHERE o.organization_id = p.organization_id AND o.pipeline_id = p.id AND o.current_stage_id = s.id AND o.status = 'open' AND NOT o.is_archived
  ) t
  LEFT JOIN LATERAL (
    SELECT o.id, o.name, o.value, o.currency, o.expected_close_date, o.stage_entered_at, o.company_id, o.owner_id
    FROM opportunities o
    WHERE o.organization_id = p.organization_id AND o.pipeline_id = p.id AND o.current_stage_id = s.id AND o.status = 'open' AND NOT o.is_archived
    ORDER BY o.expected_close_date ASC NULLS LAST, o.value DESC, o.id
    LIMIT $3
  ) c ON TRUE
  LEFT JOIN companies co ON co.organization_id = p.organization_id AND co.id = c.company_id
  LEFT JOIN users u ON u.id = c.owner_id
  WHERE p.organization_id = $1 AND p.id = $2
  ORDER BY s.position, c.expected_close_date ASC NULLS LAST, c.value DESC, c.id`;
type BoardRow = { stage_id: string; count: number; value: string; weighted: string; id: string | null };
const raw = () => owner.query<BoardRow>(BOARD_SQL, [target.orgId, target.pipelineId, input.perStage]);

// ---------------------------------------------------------------- same data?
type Summary = { stage: string; count: number; value: string; weighted: string; cards: string[] }[];
const fromService = (board: Awaited<ReturnType<typeof service>>): Summary =>
  board.stages.map((s) => ({ stage: s.id, count: s.count, value: s.value, weighted: s.weighted, cards: s.cards.map((c) => c.id) }));
function fromRaw(rows: BoardRow[]): Summary {
  const stages: Summary = [];
  for (const row of rows) {
    if (stages.at(-1)?.stage !== row.stage_id) stages.push({ stage: row.stage_id, count: row.count, value: row.value, weighted: row.weighted, cards: [] });
    if (row.id) stages.at(-1)!.cards.push(row.id);
  }
  return stages;
}
const expected = fromService(await service());
const actual = fromRaw((await raw()).rows);
if (JSON.stringify(expected) !== JSON.stringify(actual)) {
  console.error("The raw SQL and getBoard disagree; not measuring.\n getBoard:", JSON.stringify(expected.map((s) => ({ ...s, cards: s.cards.length }))),
    "\n raw SQL: ", JSON.stringify(actual.map((s) => ({ ...s, cards: s.cards.length }))));
  process.exitCode = 1;
} else {
  console.log(`getBoard and the raw SQL agree: ${expected.length} stages, ${expected.reduce((n, s) => n + s.count, 0)} open deals, ${expected.reduce((n, s) => n + s.cards.length, 0)} cards`);

  // ---------------------------------------------------------------- measure
  const ownerPrisma = process.env.BENCH_BREAKDOWN ? createClient(db.url, 4) : null;
  const SERVICE = "getBoard via withOrg (app role, RLS)";
  const RAW = "raw SQL, one statement (owner)";
  const variants: [string, () => Promise<unknown>][] = [
    [SERVICE, service],
    // Where the gap comes from: the same function without RLS or a transaction.
    ...(ownerPrisma ? ([["getBoard, Prisma as owner (no RLS)", () => getBoard(createOrgScope(ownerPrisma, actor), input)]] as [string, () => Promise<unknown>][]) : []),
    [RAW, raw],
  ];
  // Rounds of 10: long enough to keep each variant's connection and caches warm, short enough
  // that both see the same machine.
  const results = await measureInterleaved(variants, { iterations: ITERATIONS, warmup: WARMUP, round: 10 });

  console.log(`\nBoard benchmark: ${ITERATIONS} board loads each (${input.perStage} cards per stage), after ${WARMUP} warm-up, 1 org of ${NOISE_ORGS + 1}\n`);
  printStats(results, 40);
  const s = results.get(SERVICE)!;
  const r = results.get(RAW)!;
  const ratios = { mean: s.mean / r.mean, p50: s.p50 / r.p50, p95: s.p95 / r.p95 };
  const withinRatio = ratios.mean <= TARGET_RATIO && ratios.p95 <= TARGET_RATIO;
  console.log(`\ngetBoard / raw SQL: ${ratios.mean.toFixed(2)}x mean, ${ratios.p50.toFixed(2)}x p50, ${ratios.p95.toFixed(2)}x p95`);
  console.log(`target within ${TARGET_RATIO}x of raw SQL (mean and p95): ${withinRatio ? "MET" : "MISSED"}`);
  console.log(`target p95 under ${TARGET_P95_MS} ms: ${s.p95 < TARGET_P95_MS ? "MET" : "MISSED"} (${s.p95.toFixed(1)} ms)`);
  if (ownerPrisma) await closeClient(ownerPrisma);
}

await Promise.all([disconnectAll(), owner.end()]);
await db.close();

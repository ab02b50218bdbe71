// Demo deals across two pipelines, then their history spread over the past year, so the
// board, stage history and (later) dashboards have a believable year behind them.
import { createOpportunity, moveOpportunity } from "../../src/features/opportunities/opportunities.service";
import type { OrgScope } from "../../src/server/api/scope";
import { seededRandom } from "./random";

const PRODUCTS = ["Annual plan", "Pilot", "Expansion", "Implementation", "Support renewal", "Training", "Enterprise license", "Add-on seats"];
const LOST_REASONS = ["Price too high", "Went with a competitor", "No budget this year", "Project cancelled", "No decision"];
const COMPETITORS = ["Salesforce", "HubSpot", "Pipedrive", "Zoho"];

export const RENEWALS_PIPELINE = {
  name: "Renewals",
  stages: [
    { name: "Upcoming", probability: 30, rottingDays: 30 },
    { name: "In discussion", probability: 60, rottingDays: 21 },
    { name: "Verbal yes", probability: 90, rottingDays: 14 },
    { name: "Renewed", probability: 100, isWon: true },
    { name: "Churned", probability: 0, isLost: true },
  ],
};

interface Pipeline {
  id: string;
  stages: { id: string; isWon: boolean; isLost: boolean }[];
}

export async function seedDeals(scope: OrgScope, pipeline: Pipeline, companies: { id: string; name: string }[], owners: string[], count: number, seed: number) {
  const rnd = seededRandom(seed);
  const open = pipeline.stages.filter((s) => !s.isWon && !s.isLost);
  const won = pipeline.stages.find((s) => s.isWon)!;
  const lost = pipeline.stages.find((s) => s.isLost)!;
  for (let i = 0; i < count; i++) {
    const company = rnd.pick(companies);
    const close = new Date(Date.now() + rnd.int(-200, 180) * 86_400_000).toISOString().slice(0, 10);
    const deal = await createOpportunity(scope, {
      pipelineId: pipeline.id, name: `${company.name}: ${rnd.pick(PRODUCTS)}`, value: String(rnd.int(5, 250) * 1000),
      currency: "USD", expectedCloseDate: close, companyId: company.id, ownerId: rnd.pick(owners),
    });
    const outcome = rnd.next();
    const depth = rnd.int(0, open.length - 1);
    for (let s = 1; s <= depth; s++) await moveOpportunity(scope, { id: deal.id, stageId: open[s]!.id });
    if (outcome < 0.22) await moveOpportunity(scope, { id: deal.id, stageId: won.id, reason: "Signed" });
    else if (outcome < 0.38) {
      await moveOpportunity(scope, { id: deal.id, stageId: lost.id, reason: rnd.pick(LOST_REASONS), competitorWon: rnd.chance(0.4) ? rnd.pick(COMPETITORS) : undefined });
    }
  }
}

/** Spreads every deal's history over the past year: created 20 to 350 days ago, moves in between. */
export async function backdateDeals(scope: OrgScope) {
  await scope.tx.$executeRaw`SELECT setseed(0.2026)`;
  await scope.tx.$executeRaw`
    WITH ages AS (SELECT id, (20 + random() * 330)::int AS age FROM opportunities ORDER BY id),
    -- MATERIALIZED: on freshly seeded tables (no statistics yet) the planner otherwise reruns
    -- this whole window query for every history row (18 s instead of 0.2 s on PostgreSQL 15).
    steps AS MATERIALIZED (
      SELECT h.id, a.age, row_number() OVER (PARTITION BY h.opportunity_id ORDER BY h.moved_at, h.id) AS rn,
             count(*) OVER (PARTITION BY h.opportunity_id) AS n
      FROM opportunity_stage_history h JOIN ages a ON a.id = h.opportunity_id
    )
    UPDATE opportunity_stage_history h
    SET moved_at = now() - make_interval(days => s.age) + make_interval(days => (s.age * (s.rn - 1) / s.n)::int, hours => (s.rn * 3)::int)
    FROM steps s WHERE h.id = s.id`;
  await scope.tx.$executeRaw`
    UPDATE opportunity_stage_history h SET time_in_stage = d.seconds
    FROM (SELECT id, extract(epoch FROM moved_at - lag(moved_at) OVER (PARTITION BY opportunity_id ORDER BY moved_at))::int AS seconds FROM opportunity_stage_history) d
    WHERE h.id = d.id AND d.seconds IS NOT NULL`;
  await scope.tx.$executeRaw`
    UPDATE opportunities o
    SET created_at = f.first_at, stage_entered_at = f.last_at,
        actual_close_date = CASE WHEN o.status = 'open' THEN NULL ELSE f.last_at::date END
    FROM (SELECT opportunity_id, min(moved_at) AS first_at, max(moved_at) AS last_at FROM opportunity_stage_history GROUP BY opportunity_id) f
    WHERE o.id = f.opportunity_id`;
  await scope.tx.$executeRaw`
    UPDATE timeline_events t SET occurred_at = o.created_at
    FROM opportunities o WHERE t.subject_type = 'opportunity' AND t.subject_id = o.id AND t.event_type = 'created'`;
}

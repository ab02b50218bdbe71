// Stores lead scores: gathers each lead's inputs (its company's facts and its interactions)
// in one query, scores them with computeLeadScore, and writes scores and breakdowns back in
// one statement per batch. Called whenever an input changes, and for every lead when the
// organization changes its weights.
import { Prisma } from "@/generated/prisma/client";
import type { OrgScope } from "@/server/api/scope";
import { DEFAULT_SCORING_WEIGHTS, type ScoringWeights, computeLeadScore, scoringWeightsSchema } from "./lead-scoring";

const BATCH = 1000;

export async function loadScoringWeights(scope: OrgScope): Promise<ScoringWeights> {
  const row = await scope.tx.leadScoringSettings.findUnique({ where: { organizationId: scope.orgId }, select: { weights: true } });
  const parsed = row ? scoringWeightsSchema.safeParse(row.weights) : null;
  return parsed?.success ? parsed.data : DEFAULT_SCORING_WEIGHTS;
}

interface InputRow {
  id: string;
  industry: string | null;
  employee_count: number | null;
  annual_revenue: number | null;
  years_in_business: number | null;
  google_rating: number | null;
  google_reviews_count: number | null;
  interaction_count: number;
  inbound_count: number;
  last_interaction_at: Date | null;
}

async function scoreBatch(scope: OrgScope, weights: ScoringWeights, filter: Prisma.Sql, afterId: string | null, limit: number) {
  const rows = await scope.tx.$queryRaw<InputRow[]>`
    SELECT l.id, c.industry, c.employee_count, c.annual_revenue::float8 AS annual_revenue, c.years_in_business,
           c.google_rating::float8 AS google_rating, c.google_reviews_count,
           count(i.id)::int AS interaction_count,
           count(i.id) FILTER (WHERE i.direction = 'inbound')::int AS inbound_count,
           max(i.occurred_at) AS last_interaction_at
    FROM leads l
    JOIN companies c ON c.organization_id = l.organization_id AND c.id = l.company_id
    LEFT JOIN interactions i ON i.organization_id = l.organization_id AND i.lead_id = l.id AND i.completed_at IS NOT NULL
    WHERE ${filter} AND (${afterId}::uuid IS NULL OR l.id > ${afterId}::uuid)
    GROUP BY l.id, c.id
    ORDER BY l.id
    LIMIT ${limit}`;
  if (!rows.length) return rows;
  const now = new Date();
  const scored = rows.map((r) => computeLeadScore({
    industry: r.industry, employeeCount: r.employee_count, annualRevenue: r.annual_revenue, yearsInBusiness: r.years_in_business,
    googleRating: r.google_rating, googleReviewsCount: r.google_reviews_count,
    interactionCount: r.interaction_count, inboundCount: r.inbound_count, lastInteractionAt: r.last_interaction_at,
  }, weights, now));
  await scope.tx.$executeRaw`
    UPDATE leads SET lead_score = v.score, score_breakdown = v.breakdown::jsonb, scored_at = now()
    FROM unnest(${rows.map((r) => r.id)}::uuid[], ${scored.map((s) => s.score)}::int[], ${scored.map((s) => JSON.stringify(s))}::text[]) AS v(id, score, breakdown)
    WHERE leads.id = v.id`;
  return rows;
}

/** Rescores the given leads (or, without ids, every lead of the organization). */
export async function rescoreLeads(scope: OrgScope, leadIds?: readonly string[]): Promise<number> {
  if (leadIds && !leadIds.length) return 0;
  const weights = await loadScoringWeights(scope);
  const filter = leadIds ? Prisma.sql`l.id = ANY(${[...leadIds]}::uuid[])` : Prisma.sql`TRUE`;
  let afterId: string | null = null;
  let count = 0;
  for (;;) {
    const rows = await scoreBatch(scope, weights, filter, afterId, BATCH);
    count += rows.length;
    if (rows.length < BATCH) return count;
    afterId = rows[rows.length - 1]!.id;
  }
}

/** After a company's facts change, its lead (if any) is rescored. */
export async function rescoreCompanyLead(scope: OrgScope, companyId: string): Promise<void> {
  const lead = await scope.tx.lead.findUnique({ where: { organizationId_companyId: { organizationId: scope.orgId, companyId } }, select: { id: true } });
  if (lead) await rescoreLeads(scope, [lead.id]);
}

export async function saveScoringWeights(scope: OrgScope, weights: ScoringWeights) {
  const before = await loadScoringWeights(scope);
  await scope.tx.leadScoringSettings.upsert({
    where: { organizationId: scope.orgId },
    create: { organizationId: scope.orgId, weights, updatedBy: scope.userId },
    update: { weights, updatedBy: scope.userId },
  });
  const rescored = await rescoreLeads(scope);
  await scope.audit({ action: "lead_scoring.update", resourceType: "lead_scoring_settings", oldValues: before, newValues: weights, details: { rescored } });
  return { rescored };
}

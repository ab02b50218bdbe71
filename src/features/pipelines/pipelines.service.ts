import type { z } from "zod";
import { Prisma } from "@/generated/prisma/client";
import { assertActiveMember } from "@/features/members/member-check";
import { literalEquals } from "@/lib/like-pattern";
import { AppError, notFound } from "@/server/api/errors";
import type { OrgScope } from "@/server/api/scope";
import { DEFAULT_PIPELINE } from "./default-pipeline";
import { MAX_PIPELINES, type boardSchema, type deletePipelineSchema, type pipelineFieldsSchema } from "./pipelines.schema";
import { moveAllDeals } from "./stage-moves";
import { stageKind } from "./stage-kind";

export function listPipelines(scope: OrgScope) {
  return scope.tx.pipeline.findMany({
    orderBy: [{ isDefault: "desc" }, { position: "asc" }, { name: "asc" }],
    select: {
      id: true, name: true, isDefault: true,
      stages: { orderBy: { position: "asc" }, select: { id: true, name: true, position: true, probability: true, rottingDays: true, isWon: true, isLost: true } },
    },
  });
}

export interface BoardCard {
  id: string;
  name: string;
  value: string;
  currency: string;
  expected_close_date: Date | null;
  stage_entered_at: Date;
  company_name: string | null;
  owner_name: string | null;
  stage_id: string;
}

/**
 * One pipeline's board: every stage with its count and sums over all matching open deals,
 * and the first `perStage` cards of each (soonest to close, then largest). Two queries,
 * whatever the number of deals.
 */
export async function getBoard(scope: OrgScope, input: z.output<typeof boardSchema>) {
  const pipeline = await scope.tx.pipeline.findUnique({
    where: { organizationId_id: { organizationId: scope.orgId, id: input.pipelineId } },
    select: {
      id: true, name: true,
      stages: { orderBy: { position: "asc" }, select: { id: true, name: true, probability: true, rottingDays: true, isWon: true, isLost: true } },
    },
  });
  if (!pipeline) throw notFound("Pipeline");
  await assertActiveMember(scope, input.ownerId, "ownerId");

  // The org id is spelled out although RLS enforces it: the planner then sees how many rows
  // the board really has instead of guessing from a setting (bench/board.bench.ts).
  const filters = [
    Prisma.sql`o.organization_id = ${scope.orgId}::uuid`,
    Prisma.sql`o.pipeline_id = ${input.pipelineId}::uuid`,
    Prisma.sql`o.status = 'open'`,
    Prisma.sql`NOT o.is_archived`,
  ];
  if (input.ownerId) filters.push(Prisma.sql`o.owner_id = ${input.ownerId}::uuid`);
  if (input.closeFrom) filters.push(Prisma.sql`o.expected_close_date >= ${input.closeFrom}::date`);
  if (input.closeTo) filters.push(Prisma.sql`o.expected_close_date <= ${input.closeTo}::date`);
  const where = Prisma.join(filters, " AND ");

  const totals = await scope.tx.$queryRaw<{ stage_id: string; count: number; value: string; weighted: string }[]>`
      SELECT o.current_stage_id AS stage_id, count(*)::int AS count, sum(o.value)::text AS value, sum(o.weighted_value)::text AS weighted
      FROM opportunities o WHERE ${where} GROUP BY o.current_stage_id`;
  // Each stage's first cards straight off opportunities_board_idx (a LATERAL LIMIT per stage,
  // no sort of every open deal). Companies are joined on id alone: the composite foreign key
  // and RLS already keep them in the org, and the two-column join misleads the generic plan.
  const cards = await scope.tx.$queryRaw<BoardCard[]>`
      SELECT r.id, r.name, r.value::text AS value, r.currency, r.expected_close_date, r.stage_entered_at, s.id AS stage_id,
             c.name AS company_name, u.full_name AS owner_name
      FROM pipeline_stages s
      CROSS JOIN LATERAL (
        SELECT o.id, o.name, o.value, o.currency, o.expected_close_date, o.stage_entered_at, o.company_id, o.owner_id
        FROM opportunities o WHERE ${where} AND o.current_stage_id = s.id
        ORDER BY o.expected_close_date ASC NULLS LAST, o.value DESC, o.id
        LIMIT ${input.perStage}
      ) r
      LEFT JOIN companies c ON c.id = r.company_id
      LEFT JOIN users u ON u.id = r.owner_id
      WHERE s.pipeline_id = ${input.pipelineId}::uuid
      ORDER BY s.position, r.expected_close_date ASC NULLS LAST, r.value DESC, r.id`;

  const totalsByStage = new Map(totals.map((t) => [t.stage_id, t]));
  const open = pipeline.stages.filter((s) => !s.isWon && !s.isLost).map((s) => totalsByStage.get(s.id));
  const sum = (pick: (t: { value: string; weighted: string }) => string) =>
    open.reduce((acc, t) => (t ? acc.plus(pick(t)) : acc), new Prisma.Decimal(0)).toFixed(2);
  return {
    pipeline: { id: pipeline.id, name: pipeline.name },
    open: { count: open.reduce((n, t) => n + (t?.count ?? 0), 0), value: sum((t) => t.value), weighted: sum((t) => t.weighted) },
    stages: pipeline.stages.map((stage) => {
      const t = totalsByStage.get(stage.id);
      return {
        ...stage,
        count: t?.count ?? 0,
        value: t?.value ?? "0",
        weighted: t?.weighted ?? "0",
        cards: cards.filter((c) => c.stage_id === stage.id),
      };
    }),
  };
}

// ---------------------------------------------------------------- settings (pipelines:admin)

const stageSettings = { id: true, name: true, position: true, probability: true, rottingDays: true, isWon: true, isLost: true } as const;

/** Every pipeline in the order admins arranged, with its stages and how many deals sit in each. */
export async function listPipelineSettings(scope: OrgScope) {
  const pipelines = await scope.tx.pipeline.findMany({
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    select: { id: true, name: true, description: true, isDefault: true, stages: { orderBy: { position: "asc" }, select: stageSettings } },
  });
  const counts = await scope.tx.opportunity.groupBy({ by: ["currentStageId"], _count: { _all: true } });
  const dealsIn = new Map(counts.map((c) => [c.currentStageId, c._count._all]));
  return pipelines.map((p) => {
    const stages = p.stages.map((s) => ({ ...s, dealCount: dealsIn.get(s.id) ?? 0 }));
    return { ...p, stages, dealCount: stages.reduce((n, s) => n + s.dealCount, 0) };
  });
}

export async function findPipeline(scope: OrgScope, id: string, field = "pipelineId") {
  const pipeline = await scope.tx.pipeline.findUnique({
    where: { organizationId_id: { organizationId: scope.orgId, id } },
    select: { id: true, name: true, description: true, isDefault: true, position: true, stages: { orderBy: { position: "asc" }, select: stageSettings } },
  });
  if (!pipeline) throw new AppError("NOT_FOUND", "That pipeline does not exist", field);
  return pipeline;
}

/** Names differing only in case read as the same pipeline on the board, so they count as taken. */
async function assertPipelineNameFree(scope: OrgScope, name: string, exceptId?: string) {
  const taken = await scope.tx.pipeline.findFirst({
    where: { name: { equals: literalEquals(name), mode: "insensitive" }, ...(exceptId ? { NOT: { id: exceptId } } : {}) },
    select: { name: true },
  });
  if (taken) throw new AppError("CONFLICT", `There is already a pipeline named ${taken.name}`, "name");
}

/** A new pipeline starts with the default stages, so it is usable at once and keeps won and lost stages. */
export async function createPipeline(scope: OrgScope, input: z.output<typeof pipelineFieldsSchema>) {
  await assertPipelineNameFree(scope, input.name);
  const last = await scope.tx.pipeline.aggregate({ _max: { position: true }, _count: { _all: true } });
  if (last._count._all >= MAX_PIPELINES) throw new AppError("CONFLICT", `An organization can have at most ${MAX_PIPELINES} pipelines`, "name");
  const pipeline = await scope.tx.pipeline.create({
    data: { organizationId: scope.orgId, name: input.name, description: input.description ?? null, position: (last._max.position ?? -1) + 1 },
    select: { id: true, name: true },
  });
  // Composite tenant keys rule out Prisma's nested create here, hence two statements.
  await scope.tx.pipelineStage.createMany({
    data: DEFAULT_PIPELINE.stages.map((stage, position) => ({ ...stage, position, organizationId: scope.orgId, pipelineId: pipeline.id })),
  });
  await scope.audit({ action: "pipeline.create", resourceType: "pipeline", resourceId: pipeline.id, newValues: input });
  return pipeline;
}

export async function updatePipeline(scope: OrgScope, id: string, values: z.output<typeof pipelineFieldsSchema>) {
  const pipeline = await findPipeline(scope, id);
  await assertPipelineNameFree(scope, values.name, id);
  const description = values.description === undefined ? pipeline.description : values.description;
  await scope.tx.pipeline.update({
    where: { organizationId_id: { organizationId: scope.orgId, id } },
    data: { name: values.name, description },
  });
  await scope.audit({
    action: "pipeline.update", resourceType: "pipeline", resourceId: id,
    oldValues: { name: pipeline.name, description: pipeline.description }, newValues: { name: values.name, description },
  });
  return { id, name: values.name, description };
}

/** Exactly one default: the pipeline the pipeline area and the sales dashboard open on. */
export async function setDefaultPipeline(scope: OrgScope, id: string) {
  const pipeline = await findPipeline(scope, id);
  const previous = await scope.tx.pipeline.findFirst({ where: { isDefault: true, NOT: { id } }, select: { id: true } });
  await scope.tx.pipeline.updateMany({ where: { isDefault: true, NOT: { id } }, data: { isDefault: false } });
  if (!pipeline.isDefault) await scope.tx.pipeline.update({ where: { organizationId_id: { organizationId: scope.orgId, id } }, data: { isDefault: true } });
  await scope.audit({ action: "pipeline.set_default", resourceType: "pipeline", resourceId: id, oldValues: { defaultPipelineId: previous?.id ?? id }, newValues: { defaultPipelineId: id } });
  return { id };
}

/**
 * Rewrites every position as 0..n-1 in one statement. The list must name each of the
 * organization's pipelines once, so a stale screen cannot silently drop one from the order.
 */
export async function reorderPipelines(scope: OrgScope, ids: string[]) {
  const existing = await scope.tx.pipeline.findMany({ orderBy: [{ position: "asc" }, { createdAt: "asc" }], select: { id: true } });
  const known = new Set(existing.map((p) => p.id));
  if (ids.some((id) => !known.has(id))) throw new AppError("NOT_FOUND", "One of those pipelines does not exist", "pipelineIds");
  if (ids.length !== existing.length) throw new AppError("CONFLICT", "The list of pipelines has changed since you loaded it; reload and try again", "pipelineIds");
  await scope.tx.$executeRaw`
    UPDATE pipelines p SET position = v.ord - 1
    FROM unnest(${ids}::uuid[]) WITH ORDINALITY AS v(id, ord)
    WHERE p.organization_id = ${scope.orgId}::uuid AND p.id = v.id AND p.position IS DISTINCT FROM (v.ord - 1)::int`;
  await scope.audit({ action: "pipeline.reorder", resourceType: "pipeline", oldValues: { order: existing.map((p) => p.id) }, newValues: { order: ids } });
  return { pipelineIds: ids };
}

/**
 * Deletes a pipeline. Its deals would go with it (the foreign key cascades), so a pipeline
 * with deals is refused unless the caller names an open stage of another pipeline: open deals
 * go there, won and lost deals to that pipeline's first won and lost stage, keeping their outcome.
 */
export async function deletePipeline(scope: OrgScope, input: z.output<typeof deletePipelineSchema>) {
  const pipeline = await findPipeline(scope, input.pipelineId);
  const others = await scope.tx.pipeline.findMany({ where: { NOT: { id: pipeline.id } }, orderBy: [{ position: "asc" }, { createdAt: "asc" }], select: { id: true } });
  if (others.length === 0) throw new AppError("CONFLICT", "This is the only pipeline; an organization needs at least one. Create another before deleting it.", "pipelineId");
  const dealCount = await scope.tx.opportunity.count({ where: { pipelineId: pipeline.id } });

  let moved = 0;
  let targetPipelineId: string | null = null;
  if (dealCount > 0) {
    if (!input.targetStageId) {
      throw new AppError("CONFLICT", `${pipeline.name} still has ${dealCount} ${dealCount === 1 ? "deal" : "deals"}. Choose a stage in another pipeline to move ${dealCount === 1 ? "it" : "them"} to, or move ${dealCount === 1 ? "it" : "them"} first.`, "targetStageId");
    }
    const target = await scope.tx.pipelineStage.findUnique({
      where: { organizationId_id: { organizationId: scope.orgId, id: input.targetStageId } },
      select: { id: true, name: true, pipelineId: true, probability: true, isWon: true, isLost: true },
    });
    if (!target) throw new AppError("NOT_FOUND", "That stage does not exist", "targetStageId");
    if (target.pipelineId === pipeline.id) throw new AppError("BAD_REQUEST", "Choose a stage in another pipeline; this one is being deleted", "targetStageId");
    if (stageKind(target) !== "open") throw new AppError("BAD_REQUEST", "Choose an open stage; won and lost deals keep their outcome and go to that pipeline's won and lost stages", "targetStageId");
    const destination = await findPipeline(scope, target.pipelineId, "targetStageId");
    const firstOf = (kind: "won" | "lost") => destination.stages.find((s) => stageKind(s) === kind);
    const counts = await scope.tx.opportunity.groupBy({ by: ["currentStageId"], where: { pipelineId: pipeline.id }, _count: { _all: true } });
    const occupied = new Set(counts.map((c) => c.currentStageId));
    for (const stage of pipeline.stages.filter((s) => occupied.has(s.id))) {
      const kind = stageKind(stage);
      const to = kind === "open" ? target : firstOf(kind);
      if (!to) throw new AppError("BAD_REQUEST", `${destination.name} has no ${kind} stage for this pipeline's ${kind} deals`, "targetStageId");
      moved += await moveAllDeals(scope, stage, { ...to, pipelineId: destination.id }, `pipeline ${pipeline.name} was deleted`);
    }
    targetPipelineId = destination.id;
  }

  await scope.tx.pipeline.delete({ where: { organizationId_id: { organizationId: scope.orgId, id: pipeline.id } } });
  // Exactly one default, always: the first remaining pipeline takes over.
  if (pipeline.isDefault) await scope.tx.pipeline.update({ where: { organizationId_id: { organizationId: scope.orgId, id: others[0]!.id } }, data: { isDefault: true } });
  await scope.tx.$executeRaw`
    UPDATE pipelines p SET position = r.rank - 1
    FROM (SELECT id, row_number() OVER (ORDER BY position, created_at) AS rank FROM pipelines WHERE organization_id = ${scope.orgId}::uuid) r
    WHERE p.organization_id = ${scope.orgId}::uuid AND p.id = r.id AND p.position <> (r.rank - 1)::int`;
  await scope.audit({
    action: "pipeline.delete", resourceType: "pipeline", resourceId: pipeline.id,
    oldValues: { name: pipeline.name, isDefault: pipeline.isDefault, stages: pipeline.stages.map((s) => s.name) },
    details: { movedDeals: moved, targetStageId: input.targetStageId ?? null, targetPipelineId },
  });
  return { id: pipeline.id, movedDeals: moved };
}

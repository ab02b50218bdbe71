// Editing one pipeline's stages: add, edit, reorder, delete. The rules: names unique within
// the pipeline, positions always 0..n-1, and at least one open, one won and one lost stage.
import type { z } from "zod";
import { literalEquals } from "@/lib/like-pattern";
import { AppError } from "@/server/api/errors";
import type { OrgScope } from "@/server/api/scope";
import { MAX_STAGES, type deleteStageSchema, type stageFieldsSchema } from "./pipelines.schema";
import { findPipeline } from "./pipelines.service";
import { isOnlyOfKind, kindField, stageKind } from "./stage-kind";
import { moveAllDeals } from "./stage-moves";

type StageFields = z.output<typeof stageFieldsSchema>;

const deals = (n: number) => `${n} ${n === 1 ? "deal" : "deals"}`;

async function findStage(scope: OrgScope, id: string, field = "stageId") {
  const stage = await scope.tx.pipelineStage.findUnique({
    where: { organizationId_id: { organizationId: scope.orgId, id } },
    select: { id: true, name: true, pipelineId: true, position: true, probability: true, rottingDays: true, isWon: true, isLost: true },
  });
  if (!stage) throw new AppError("NOT_FOUND", "That stage does not exist", field);
  return stage;
}

/** Names differing only in case read as the same column on the board, so they count as taken. */
async function assertNameFree(scope: OrgScope, pipelineId: string, name: string, exceptId?: string) {
  const taken = await scope.tx.pipelineStage.findFirst({
    where: { pipelineId, name: { equals: literalEquals(name), mode: "insensitive" }, ...(exceptId ? { NOT: { id: exceptId } } : {}) },
    select: { name: true },
  });
  if (taken) throw new AppError("CONFLICT", `This pipeline already has a stage named ${taken.name}`, "name");
}

/** The unique index names pipeline_id and name; a race past assertNameFree is still about the name. */
async function namingConflicts<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") throw new AppError("CONFLICT", "This pipeline already has a stage with that name", "name");
    throw error;
  }
}

/** Positions become 0..n-1 in the given order, in one statement, touching only rows that move. */
async function writeStageOrder(scope: OrgScope, pipelineId: string, ids: string[]) {
  await scope.tx.$executeRaw`
    UPDATE pipeline_stages s SET position = v.ord - 1
    FROM unnest(${ids}::uuid[]) WITH ORDINALITY AS v(id, ord)
    WHERE s.organization_id = ${scope.orgId}::uuid AND s.pipeline_id = ${pipelineId}::uuid AND s.id = v.id
      AND s.position IS DISTINCT FROM (v.ord - 1)::int`;
}

/** A new open stage lands after the last open one (ahead of won and lost); a closed one at the end. */
export async function addStage(scope: OrgScope, pipelineId: string, values: StageFields) {
  const pipeline = await findPipeline(scope, pipelineId);
  if (pipeline.stages.length >= MAX_STAGES) throw new AppError("CONFLICT", `A pipeline can have at most ${MAX_STAGES} stages`, "name");
  await assertNameFree(scope, pipeline.id, values.name);
  const ids = pipeline.stages.map((s) => s.id);
  const lastOpen = pipeline.stages.findLastIndex((s) => stageKind(s) === "open");
  const index = stageKind(values) === "open" ? lastOpen + 1 : ids.length;
  const stage = await namingConflicts(scope.tx.pipelineStage.create({
    data: {
      organizationId: scope.orgId, pipelineId: pipeline.id, name: values.name, position: index, probability: values.probability,
      rottingDays: values.rottingDays ?? null, isWon: values.isWon, isLost: values.isLost,
    },
    select: { id: true, name: true },
  }));
  ids.splice(index, 0, stage.id);
  await writeStageOrder(scope, pipeline.id, ids);
  await scope.audit({ action: "pipeline_stage.create", resourceType: "pipeline_stage", resourceId: stage.id, newValues: { pipelineId: pipeline.id, position: index, ...values } });
  return { ...stage, position: index };
}

/** Open deals in the stage take a new probability at once (weighted_value follows in the database). */
export async function updateStage(scope: OrgScope, stageId: string, values: StageFields) {
  const stage = await findStage(scope, stageId);
  await assertNameFree(scope, stage.pipelineId, values.name, stage.id);
  const from = stageKind(stage);
  const to = stageKind(values);
  if (from !== to) {
    const count = await scope.tx.opportunity.count({ where: { currentStageId: stage.id } });
    if (count > 0) {
      throw new AppError("CONFLICT", `${stage.name} has ${deals(count)}; move them to another stage before making it ${to === "open" ? "an open" : `a ${to}`} stage`, kindField(to === "open" ? from : to));
    }
    const siblings = await scope.tx.pipelineStage.findMany({ where: { pipelineId: stage.pipelineId }, select: { id: true, isWon: true, isLost: true } });
    if (isOnlyOfKind(siblings, stage.id)) {
      throw new AppError("CONFLICT", `${stage.name} is this pipeline's only ${from} stage; a pipeline needs at least one open, one won and one lost stage`, kindField(to === "open" ? from : to));
    }
  }
  const rottingDays = values.rottingDays ?? null;
  await namingConflicts(scope.tx.pipelineStage.update({
    where: { organizationId_id: { organizationId: scope.orgId, id: stage.id } },
    data: { name: values.name, probability: values.probability, rottingDays, isWon: values.isWon, isLost: values.isLost },
  }));
  const repriced = values.probability === stage.probability ? 0
    : (await scope.tx.opportunity.updateMany({ where: { currentStageId: stage.id, status: "open" }, data: { probability: values.probability } })).count;
  const { id: _id, pipelineId, position: _position, ...before } = stage;
  await scope.audit({
    action: "pipeline_stage.update", resourceType: "pipeline_stage", resourceId: stage.id,
    oldValues: before, newValues: { ...values, rottingDays }, details: { pipelineId, repricedDeals: repriced },
  });
  return { id: stage.id, ...values, rottingDays, repricedDeals: repriced };
}

/** The list must name each of the pipeline's stages once, so a stale screen cannot lose one. */
export async function reorderStages(scope: OrgScope, pipelineId: string, stageIds: string[]) {
  const pipeline = await findPipeline(scope, pipelineId);
  const known = new Set(pipeline.stages.map((s) => s.id));
  if (stageIds.some((id) => !known.has(id))) throw new AppError("NOT_FOUND", "One of those stages is not in this pipeline", "stageIds");
  if (stageIds.length !== known.size) throw new AppError("CONFLICT", "The stages have changed since you loaded them; reload and try again", "stageIds");
  await writeStageOrder(scope, pipeline.id, stageIds);
  await scope.audit({
    action: "pipeline_stage.reorder", resourceType: "pipeline", resourceId: pipeline.id,
    oldValues: { order: pipeline.stages.map((s) => s.id) }, newValues: { order: stageIds },
  });
  return { pipelineId: pipeline.id, stageIds };
}

/**
 * Deletes a stage. Deals cannot be left without one (the foreign key restricts), so its deals
 * move to `targetStageId`: a stage of the same pipeline and kind, so no deal changes outcome.
 */
export async function deleteStage(scope: OrgScope, input: z.output<typeof deleteStageSchema>) {
  const stage = await findStage(scope, input.stageId);
  const target = input.targetStageId ? await findStage(scope, input.targetStageId, "targetStageId") : null;
  const pipeline = await findPipeline(scope, stage.pipelineId);
  const kind = stageKind(stage);
  if (isOnlyOfKind(pipeline.stages, stage.id)) {
    throw new AppError("CONFLICT", `${stage.name} is this pipeline's only ${kind} stage; a pipeline needs at least one open, one won and one lost stage`, "stageId");
  }
  if (target) {
    if (target.id === stage.id) throw new AppError("BAD_REQUEST", "Choose another stage for its deals, not the one being deleted", "targetStageId");
    if (target.pipelineId !== stage.pipelineId) throw new AppError("BAD_REQUEST", "Choose a stage in the same pipeline", "targetStageId");
    if (stageKind(target) !== kind) throw new AppError("BAD_REQUEST", `Deals in ${kind === "open" ? "an open" : `a ${kind}`} stage can only move to another ${kind} stage`, "targetStageId");
  }
  const count = await scope.tx.opportunity.count({ where: { currentStageId: stage.id } });
  if (count > 0 && !target) throw new AppError("CONFLICT", `${stage.name} has ${deals(count)}; choose the stage to move them to`, "targetStageId");

  const moved = target && count > 0 ? await moveAllDeals(scope, stage, target, `stage ${stage.name} was deleted`) : 0;
  await scope.tx.pipelineStage.delete({ where: { organizationId_id: { organizationId: scope.orgId, id: stage.id } } });
  await writeStageOrder(scope, pipeline.id, pipeline.stages.filter((s) => s.id !== stage.id).map((s) => s.id));
  const { id: _id, ...before } = stage;
  await scope.audit({
    action: "pipeline_stage.delete", resourceType: "pipeline_stage", resourceId: stage.id,
    oldValues: before, details: { movedDeals: moved, targetStageId: target?.id ?? null },
  });
  return { id: stage.id, movedDeals: moved };
}

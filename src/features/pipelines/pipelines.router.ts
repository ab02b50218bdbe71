import { orgProcedure, router } from "@/server/api/trpc";
import {
  addStageSchema, boardSchema, createPipelineSchema, deletePipelineSchema, deleteStageSchema, pipelineIdSchema,
  reorderPipelinesSchema, reorderStagesSchema, updatePipelineSchema, updateStageSchema,
} from "./pipelines.schema";
import {
  createPipeline, deletePipeline, getBoard, listPipelineSettings, listPipelines, reorderPipelines, setDefaultPipeline, updatePipeline,
} from "./pipelines.service";
import { addStage, deleteStage, reorderStages, updateStage } from "./stages.service";

const read = { permission: { resource: "opportunities", action: "read" } } as const;
const readPipelines = { permission: { resource: "pipelines", action: "read" } } as const;
/** Pipelines shape everyone's board, so changing them is an admin's job (Owner and Admin). */
const admin = { permission: { resource: "pipelines", action: "admin" } } as const;

export const pipelinesRouter = router({
  list: orgProcedure.meta(readPipelines).query(({ ctx }) => listPipelines(ctx.scope)),
  board: orgProcedure.meta(read).input(boardSchema).query(({ ctx, input }) => getBoard(ctx.scope, input)),
  settings: orgProcedure.meta(readPipelines).query(({ ctx }) => listPipelineSettings(ctx.scope)),

  create: orgProcedure.meta(admin).input(createPipelineSchema).mutation(({ ctx, input }) => createPipeline(ctx.scope, input)),
  update: orgProcedure.meta(admin).input(updatePipelineSchema).mutation(({ ctx, input }) => updatePipeline(ctx.scope, input.pipelineId, input.values)),
  setDefault: orgProcedure.meta(admin).input(pipelineIdSchema).mutation(({ ctx, input }) => setDefaultPipeline(ctx.scope, input.pipelineId)),
  reorder: orgProcedure.meta(admin).input(reorderPipelinesSchema).mutation(({ ctx, input }) => reorderPipelines(ctx.scope, input.pipelineIds)),
  delete: orgProcedure.meta(admin).input(deletePipelineSchema).mutation(({ ctx, input }) => deletePipeline(ctx.scope, input)),

  addStage: orgProcedure.meta(admin).input(addStageSchema).mutation(({ ctx, input }) => addStage(ctx.scope, input.pipelineId, input.values)),
  updateStage: orgProcedure.meta(admin).input(updateStageSchema).mutation(({ ctx, input }) => updateStage(ctx.scope, input.stageId, input.values)),
  reorderStages: orgProcedure.meta(admin).input(reorderStagesSchema).mutation(({ ctx, input }) => reorderStages(ctx.scope, input.pipelineId, input.stageIds)),
  deleteStage: orgProcedure.meta(admin).input(deleteStageSchema).mutation(({ ctx, input }) => deleteStage(ctx.scope, input)),
});

import { z } from "zod";
import { optionalDate, optionalText, optionalUuid } from "@/lib/form-fields";

export const boardSchema = z.object({
  pipelineId: z.uuid("Unknown pipeline"),
  ownerId: z.uuid().optional(),
  closeFrom: optionalDate,
  closeTo: optionalDate,
  /** Cards shown per stage; the counts and sums always cover every deal. */
  perStage: z.number().int().min(1).max(200).default(50),
});
export type BoardInput = z.input<typeof boardSchema>;

/** Caps that keep a board readable and a reorder one small statement. */
export const MAX_PIPELINES = 50;
export const MAX_STAGES = 50;

const pipelineId = z.uuid("Unknown pipeline");
const stageId = z.uuid("Unknown stage");

// Form inputs arrive as strings; a blank one must fail as "missing", not coerce to 0.
const blankTo = (empty: null | undefined) => (value: unknown) => (typeof value === "string" && value.trim() === "" ? empty : value);

/** Every editable field of a pipeline, as the form sends it and the procedure accepts it. */
export const pipelineFieldsSchema = z.object({
  name: z.string().trim().min(1, "Name the pipeline").max(100, "Use at most 100 characters"),
  description: optionalText(1000, "The description"),
});
export type PipelineFormInput = z.input<typeof pipelineFieldsSchema>;

export const createPipelineSchema = pipelineFieldsSchema;
export const updatePipelineSchema = z.object({ pipelineId, values: pipelineFieldsSchema });
export const pipelineIdSchema = z.object({ pipelineId });

export const reorderPipelinesSchema = z.object({
  pipelineIds: z.array(pipelineId).min(1, "List the pipelines in their new order").max(MAX_PIPELINES)
    .refine((ids) => new Set(ids).size === ids.length, "Each pipeline can appear only once"),
});

export const deletePipelineSchema = z.object({
  pipelineId,
  /** An open stage of another pipeline for this one's open deals; required when it has deals. */
  targetStageId: optionalUuid,
});

/** Every editable field of a stage, as the inline row sends it and the procedure accepts it. */
export const stageFieldsSchema = z.object({
  name: z.string().trim().min(1, "Name the stage").max(100, "Use at most 100 characters"),
  probability: z.preprocess(
    blankTo(undefined),
    z.coerce.number({ message: "Probability must be a number from 0 to 100" })
      .int("Probability must be a whole number").min(0, "Probability cannot be below 0").max(100, "Probability cannot be above 100"),
  ),
  rottingDays: z.preprocess(
    blankTo(null),
    z.coerce.number({ message: "Rotting days must be a number of days" })
      .int("Rotting days must be a whole number").min(1, "Rotting days must be at least 1, or leave it empty").max(3650, "Use at most 3650 days")
      .nullable(),
  ).optional(),
  isWon: z.boolean().default(false),
  isLost: z.boolean().default(false),
}).refine((s) => !(s.isWon && s.isLost), { message: "A stage cannot be both won and lost", path: ["isLost"] });
export type StageFormInput = z.input<typeof stageFieldsSchema>;

export const addStageSchema = z.object({ pipelineId, values: stageFieldsSchema });
export const updateStageSchema = z.object({ stageId, values: stageFieldsSchema });

export const reorderStagesSchema = z.object({
  pipelineId,
  stageIds: z.array(stageId).min(1, "List the stages in their new order").max(MAX_STAGES)
    .refine((ids) => new Set(ids).size === ids.length, "Each stage can appear only once"),
});

export const deleteStageSchema = z.object({
  stageId,
  /** Where the stage's deals go: a stage of the same pipeline and kind; required when it has deals. */
  targetStageId: optionalUuid,
});

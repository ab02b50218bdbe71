import type { RouterOutputs } from "@/trpc/types";

export type PipelineSettings = RouterOutputs["pipelines"]["settings"][number];
export type StageSettings = PipelineSettings["stages"][number];

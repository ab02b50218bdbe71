import { z } from "zod";
import { optionalDate } from "@/lib/form-fields";

export const boardSchema = z.object({
  pipelineId: z.uuid("Unknown pipeline"),
  ownerId: z.uuid().optional(),
  closeFrom: optionalDate,
  closeTo: optionalDate,
  /** Cards shown per stage; the counts and sums always cover every deal. */
  perStage: z.number().int().min(1).max(200).default(50),
});
export type BoardInput = z.input<typeof boardSchema>;

import { z } from "zod";
import { intervalSchema, planIdSchema } from "./plans";

/** A paid plan and how often it is billed (Checkout and plan changes). */
export const planChoiceSchema = z.object({
  plan: planIdSchema.refine((p) => p !== "free", "Free needs no payment: cancel the paid plan to move to Free"),
  interval: intervalSchema,
});
export type PlanChoice = z.output<typeof planChoiceSchema>;

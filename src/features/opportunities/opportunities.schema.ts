import { z } from "zod";
import { currencySchema, optionalDate, optionalUuid } from "@/lib/form-fields";

const money = z.preprocess(
  (v) => (typeof v === "string" ? v.replace(/[,\s]/g, "") : typeof v === "number" ? String(v) : v),
  z.string().regex(/^\d{1,13}(\.\d{1,2})?$/, "Value must be an amount like 25000 or 99.50"),
);

export const createOpportunitySchema = z.object({
  pipelineId: z.uuid("Choose a pipeline"),
  /** Where it starts; the pipeline's first stage when not given. */
  stageId: optionalUuid,
  name: z.string().trim().min(1, "Name the deal").max(255, "That name is too long"),
  value: money.default("0"),
  currency: currencySchema,
  expectedCloseDate: optionalDate,
  companyId: optionalUuid,
  contactId: optionalUuid,
  ownerId: optionalUuid,
});
export type CreateOpportunityInput = z.input<typeof createOpportunitySchema>;

export const moveOpportunitySchema = z.object({
  id: z.uuid("Unknown deal"),
  stageId: z.uuid("Unknown stage"),
  /** Why it was won or lost; required when moving to a lost stage. */
  reason: z.string().trim().max(500, "Use at most 500 characters").optional(),
  competitorWon: z.string().trim().max(255).optional(),
});
export type MoveOpportunityInput = z.input<typeof moveOpportunitySchema>;

export const opportunityIdSchema = z.object({ id: z.uuid("Unknown deal") });

export const dealFieldsSchema = z.object({
  name: z.string().trim().min(1, "Name the deal").max(255, "That name is too long"),
  value: money.default("0"),
  currency: currencySchema,
  expectedCloseDate: optionalDate,
  companyId: optionalUuid,
  contactId: optionalUuid,
  ownerId: optionalUuid,
  /** Colleagues working the deal with its owner. */
  teamMemberIds: z.array(z.uuid("Unknown team member")).max(20, "At most 20 team members").default([]),
});
export type DealFormInput = z.input<typeof dealFieldsSchema>;

export const updateOpportunitySchema = z.object({ id: z.uuid("Unknown deal"), values: dealFieldsSchema });
export const archiveOpportunitySchema = z.object({ id: z.uuid("Unknown deal"), archived: z.boolean() });

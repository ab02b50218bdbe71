import { orgProcedure, router } from "@/server/api/trpc";
import { archiveOpportunity, deleteOpportunity, updateOpportunity } from "./deal-edits.service";
import { archiveOpportunitySchema, createOpportunitySchema, moveOpportunitySchema, opportunityIdSchema, updateOpportunitySchema } from "./opportunities.schema";
import { createOpportunity, getOpportunity, moveOpportunity } from "./opportunities.service";

const write = { permission: { resource: "opportunities", action: "write" } } as const;

export const opportunitiesRouter = router({
  get: orgProcedure.meta({ permission: { resource: "opportunities", action: "read" } }).input(opportunityIdSchema).query(({ ctx, input }) => getOpportunity(ctx.scope, input.id)),
  create: orgProcedure.meta(write).input(createOpportunitySchema).mutation(({ ctx, input }) => createOpportunity(ctx.scope, input)),
  move: orgProcedure.meta(write).input(moveOpportunitySchema).mutation(({ ctx, input }) => moveOpportunity(ctx.scope, input)),
  update: orgProcedure.meta(write).input(updateOpportunitySchema).mutation(({ ctx, input }) => updateOpportunity(ctx.scope, input.id, input.values)),
  archive: orgProcedure.meta(write).input(archiveOpportunitySchema).mutation(({ ctx, input }) => archiveOpportunity(ctx.scope, input.id, input.archived)),
  delete: orgProcedure.meta({ permission: { resource: "opportunities", action: "delete" } }).input(opportunityIdSchema)
    .mutation(({ ctx, input }) => deleteOpportunity(ctx.scope, input.id)),
});

import { orgProcedure, router } from "@/server/api/trpc";
import { createOpportunitySchema, moveOpportunitySchema, opportunityIdSchema } from "./opportunities.schema";
import { createOpportunity, getOpportunity, moveOpportunity } from "./opportunities.service";

const write = { permission: { resource: "opportunities", action: "write" } } as const;

export const opportunitiesRouter = router({
  get: orgProcedure.meta({ permission: { resource: "opportunities", action: "read" } }).input(opportunityIdSchema).query(({ ctx, input }) => getOpportunity(ctx.scope, input.id)),
  create: orgProcedure.meta(write).input(createOpportunitySchema).mutation(({ ctx, input }) => createOpportunity(ctx.scope, input)),
  move: orgProcedure.meta(write).input(moveOpportunitySchema).mutation(({ ctx, input }) => moveOpportunity(ctx.scope, input)),
});

import { z } from "zod";
import { orgPhasedProcedure, orgProcedure, router } from "@/server/api/trpc";
import { scoringWeightsSchema } from "./lead-scoring";
import { loadScoringWeights, saveScoringWeights } from "./lead-scoring.service";
import { listTags } from "./lead-tags";
import { convertLeadSchema, leadFieldsSchema, leadIdSchema, listLeadsSchema, updateLeadSchema } from "./leads.schema";
import { convertLead, createLead, deleteLead, enrichLeadFromWebsite, getLead, listLeads, updateLead } from "./leads.service";

const read = { permission: { resource: "leads", action: "read" } } as const;
const write = { permission: { resource: "leads", action: "write" } } as const;

export const leadsRouter = router({
  list: orgProcedure.meta(read).input(listLeadsSchema).query(({ ctx, input }) => listLeads(ctx.scope, input)),
  get: orgProcedure.meta(read).input(leadIdSchema).query(({ ctx, input }) => getLead(ctx.scope, input.id)),
  create: orgProcedure.meta(write).input(leadFieldsSchema).mutation(({ ctx, input }) => createLead(ctx.scope, input)),
  update: orgProcedure.meta(write).input(updateLeadSchema).mutation(({ ctx, input }) => updateLead(ctx.scope, input.id, input.values)),
  delete: orgProcedure.meta({ permission: { resource: "leads", action: "delete" } }).input(leadIdSchema).mutation(({ ctx, input }) => deleteLead(ctx.scope, input.id)),
  // Converting creates a deal, so it needs both permissions.
  convert: orgProcedure.meta({ ...write, alsoRequires: [{ resource: "opportunities", action: "write" }] }).input(convertLeadSchema)
    .mutation(({ ctx, input }) => convertLead(ctx.scope, input)),
  enrich: orgPhasedProcedure.meta(write).input(leadIdSchema).mutation(({ ctx, input }) => enrichLeadFromWebsite(ctx.inOrg, input.id)),
  tags: orgProcedure.meta(read).input(z.object({}).optional()).query(({ ctx }) => listTags(ctx.scope)),
  scoringWeights: orgProcedure.meta(read).input(z.object({}).optional()).query(({ ctx }) => loadScoringWeights(ctx.scope)),
  saveScoringWeights: orgProcedure.meta({ permission: { resource: "leads", action: "admin" } }).input(scoringWeightsSchema)
    .mutation(({ ctx, input }) => saveScoringWeights(ctx.scope, input)),
});

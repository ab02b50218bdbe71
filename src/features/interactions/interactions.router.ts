import { orgProcedure, router } from "@/server/api/trpc";
import { browseInteractions } from "./interactions-list.service";
import { browseInteractionsSchema, completeInteractionSchema, interactionIdSchema, listInteractionsSchema, logInteractionSchema } from "./interactions.schema";
import { completeInteraction, deleteInteraction, getInteraction, listInteractions, logInteraction } from "./interactions.service";

const read = { permission: { resource: "interactions", action: "read" } } as const;
const write = { permission: { resource: "interactions", action: "write" } } as const;

export const interactionsRouter = router({
  /** One record's interactions (its page). */
  list: orgProcedure.meta(read).input(listInteractionsSchema).query(({ ctx, input }) => listInteractions(ctx.scope, input)),
  /** Every interaction in the organization: the Activities list and its export. */
  browse: orgProcedure.meta(read).input(browseInteractionsSchema).query(({ ctx, input }) => browseInteractions(ctx.scope, input)),
  get: orgProcedure.meta(read).input(interactionIdSchema).query(({ ctx, input }) => getInteraction(ctx.scope, input.id)),
  log: orgProcedure.meta(write).input(logInteractionSchema).mutation(({ ctx, input }) => logInteraction(ctx.scope, input)),
  complete: orgProcedure.meta(write).input(completeInteractionSchema).mutation(({ ctx, input }) => completeInteraction(ctx.scope, input)),
  delete: orgProcedure.meta({ permission: { resource: "interactions", action: "delete" } }).input(interactionIdSchema)
    .mutation(({ ctx, input }) => deleteInteraction(ctx.scope, input.id)),
});

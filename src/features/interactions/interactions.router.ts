import { orgProcedure, router } from "@/server/api/trpc";
import { completeInteractionSchema, interactionIdSchema, listInteractionsSchema, logInteractionSchema } from "./interactions.schema";
import { completeInteraction, deleteInteraction, listInteractions, logInteraction } from "./interactions.service";

const read = { permission: { resource: "interactions", action: "read" } } as const;
const write = { permission: { resource: "interactions", action: "write" } } as const;

export const interactionsRouter = router({
  list: orgProcedure.meta(read).input(listInteractionsSchema).query(({ ctx, input }) => listInteractions(ctx.scope, input)),
  log: orgProcedure.meta(write).input(logInteractionSchema).mutation(({ ctx, input }) => logInteraction(ctx.scope, input)),
  complete: orgProcedure.meta(write).input(completeInteractionSchema).mutation(({ ctx, input }) => completeInteraction(ctx.scope, input)),
  delete: orgProcedure.meta({ permission: { resource: "interactions", action: "delete" } }).input(interactionIdSchema)
    .mutation(({ ctx, input }) => deleteInteraction(ctx.scope, input.id)),
});

import { orgProcedure, router } from "@/server/api/trpc";
import { deleteViewSchema, listViewsSchema, saveViewSchema } from "./saved-views.schema";
import { deleteView, listViews, saveView } from "./saved-views.service";

export const savedViewsRouter = router({
  list: orgProcedure.input(listViewsSchema).query(({ ctx, input }) => listViews(ctx.scope, input.resource)),
  save: orgProcedure.input(saveViewSchema).mutation(({ ctx, input }) => saveView(ctx.scope, input)),
  delete: orgProcedure.input(deleteViewSchema).mutation(({ ctx, input }) => deleteView(ctx.scope, input)),
});

import { orgProcedure, router } from "@/server/api/trpc";
import { boardSchema } from "./pipelines.schema";
import { getBoard, listPipelines } from "./pipelines.service";

const read = { permission: { resource: "opportunities", action: "read" } } as const;

export const pipelinesRouter = router({
  list: orgProcedure.meta({ permission: { resource: "pipelines", action: "read" } }).query(({ ctx }) => listPipelines(ctx.scope)),
  board: orgProcedure.meta(read).input(boardSchema).query(({ ctx, input }) => getBoard(ctx.scope, input)),
});

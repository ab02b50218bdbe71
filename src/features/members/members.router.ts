import { orgProcedure, router } from "@/server/api/trpc";
import { listMembersSchema } from "./members.schema";
import { listMembers } from "./members.service";

export const membersRouter = router({
  list: orgProcedure
    .meta({ permission: { resource: "members", action: "read" } })
    .input(listMembersSchema)
    .query(({ ctx, input }) => listMembers(ctx.scope, input)),
});

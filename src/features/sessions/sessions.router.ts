import { router, userProcedure } from "@/server/api/trpc";
import { revokeSessionSchema } from "./sessions.schema";
import { listSessions, revokeOtherSessions, revokeSession } from "./sessions.service";

export const sessionsRouter = router({
  list: userProcedure.query(({ ctx }) => listSessions(ctx.scope)),
  revoke: userProcedure.input(revokeSessionSchema).mutation(({ ctx, input }) => revokeSession(ctx.scope, input)),
  revokeOthers: userProcedure.mutation(({ ctx }) => revokeOtherSessions(ctx.scope)),
});

import { router, userProcedure } from "@/server/api/trpc";
import { changeEmailSchema, changePasswordSchema, securityEventsSchema } from "./account.schema";
import {
  cancelEmailChange, changePassword, emailStatus, recentSecurityEvents, requestEmailChange, resendVerification,
  securityOverview, sendPasswordSetupLink,
} from "./account.service";

export const accountRouter = router({
  emailStatus: userProcedure.query(({ ctx }) => emailStatus(ctx.scope)),
  security: userProcedure.query(({ ctx }) => securityOverview(ctx.scope)),
  securityEvents: userProcedure.input(securityEventsSchema).query(({ ctx, input }) => recentSecurityEvents(ctx.scope, input)),
  resendVerification: userProcedure.mutation(({ ctx }) => resendVerification(ctx.scope)),
  requestEmailChange: userProcedure.input(changeEmailSchema).mutation(({ ctx, input }) => requestEmailChange(ctx.scope, input)),
  cancelEmailChange: userProcedure.mutation(({ ctx }) => cancelEmailChange(ctx.scope)),
  changePassword: userProcedure.input(changePasswordSchema).mutation(({ ctx, input }) => changePassword(ctx.scope, input)),
  sendPasswordSetupLink: userProcedure.mutation(({ ctx }) => sendPasswordSetupLink(ctx.scope)),
});

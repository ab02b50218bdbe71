import { router, userProcedure } from "@/server/api/trpc";
import { confirmEnrollmentSchema, disableTwoFactorSchema, regenerateRecoveryCodesSchema } from "./two-factor.schema";
import { beginEnrollment, confirmEnrollment, disableTwoFactor, regenerateRecoveryCodes } from "./two-factor.service";

export const twoFactorRouter = router({
  beginEnrollment: userProcedure.mutation(({ ctx }) => beginEnrollment(ctx.scope)),
  confirmEnrollment: userProcedure.input(confirmEnrollmentSchema).mutation(({ ctx, input }) => confirmEnrollment(ctx.scope, input)),
  regenerateRecoveryCodes: userProcedure.input(regenerateRecoveryCodesSchema).mutation(({ ctx, input }) => regenerateRecoveryCodes(ctx.scope, input)),
  disable: userProcedure.input(disableTwoFactorSchema).mutation(({ ctx, input }) => disableTwoFactor(ctx.scope, input)),
});

import { publicProcedure, router } from "@/server/api/trpc";
import { forgotPasswordSchema, linkTokenSchema, resetPasswordSchema, signUpSchema } from "./auth.schema";
import { signUp } from "./auth.service";
import { checkResetLink, confirmEmailLink, requestPasswordReset, resetPassword } from "./password-reset.service";

export const authRouter = router({
  signUp: publicProcedure.input(signUpSchema).mutation(({ ctx, input }) => signUp(input, ctx.meta)),
  requestPasswordReset: publicProcedure.input(forgotPasswordSchema).mutation(({ ctx, input }) => requestPasswordReset(input, ctx.meta)),
  checkResetLink: publicProcedure.input(linkTokenSchema).query(({ input }) => checkResetLink(input)),
  resetPassword: publicProcedure.input(resetPasswordSchema).mutation(({ ctx, input }) => resetPassword(input, ctx.meta)),
  /** Opens an email verification or email change link. */
  confirmEmail: publicProcedure.input(linkTokenSchema).mutation(({ ctx, input }) => confirmEmailLink(input, ctx.meta)),
});

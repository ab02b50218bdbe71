import { publicProcedure, router } from "@/server/api/trpc";
import { signUpSchema } from "./auth.schema";
import { signUp } from "./auth.service";

export const authRouter = router({
  signUp: publicProcedure.input(signUpSchema).mutation(({ ctx, input }) => signUp(input, ctx.meta)),
});

import { authedProcedure, orgProcedure, router } from "@/server/api/trpc";
import { createOrganizationForUser, listUserOrganizations } from "@/server/db/system";
import { createOrganizationSchema } from "./organizations.schema";
import { currentOrganization } from "./organizations.service";

export const organizationsRouter = router({
  /** Every organization the caller belongs to, for the switcher. */
  mine: authedProcedure.query(({ ctx }) => listUserOrganizations(ctx.session.user.id)),
  create: authedProcedure
    .input(createOrganizationSchema)
    .mutation(({ ctx, input }) => createOrganizationForUser(ctx.session.user.id, input.name, ctx.meta)),
  current: orgProcedure.query(({ ctx }) => currentOrganization(ctx.scope, ctx.membership)),
});

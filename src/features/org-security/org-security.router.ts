import { orgProcedure, router } from "@/server/api/trpc";
import { updateOrgSecuritySchema } from "./org-security.schema";
import { MANAGE_SECURITY, orgSecurity, updateOrgSecurity } from "./org-security.service";

export const orgSecurityRouter = router({
  get: orgProcedure.meta({ permission: { resource: "organization", action: "read" } }).query(({ ctx }) => orgSecurity(ctx.scope, ctx.membership)),
  update: orgProcedure
    .meta({ permission: MANAGE_SECURITY })
    .input(updateOrgSecuritySchema)
    .mutation(({ ctx, input }) => updateOrgSecurity(ctx.scope, ctx.membership, input)),
});

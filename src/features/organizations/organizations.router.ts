import { authedProcedure, orgProcedure, router } from "@/server/api/trpc";
import { createOrganizationForUser } from "@/server/db/system/sign-up";
import { listUserOrganizations } from "@/server/db/system/sessions";
import { deleteOrganization } from "./organization-delete.service";
import { getOrganizationExport, listOrganizationExports, requestOrganizationExport } from "./organization-export.service";
import { deleteOrganizationSchema, organizationExportIdSchema, organizationSettingsSchema } from "./organization-settings.schema";
import { getOrganizationSettings, updateOrganizationSettings } from "./organization-settings.service";
import { createOrganizationSchema } from "./organizations.schema";
import { currentOrganization } from "./organizations.service";

const read = { permission: { resource: "organization", action: "read" } } as const;
const write = { permission: { resource: "organization", action: "write" } } as const;

export const organizationsRouter = router({
  /** Every organization the caller belongs to, for the switcher. */
  mine: authedProcedure.query(({ ctx }) => listUserOrganizations(ctx.session.user.id)),
  create: authedProcedure
    .input(createOrganizationSchema)
    .mutation(({ ctx, input }) => createOrganizationForUser(ctx.session.user.id, input.name, ctx.meta)),
  current: orgProcedure.query(({ ctx }) => currentOrganization(ctx.scope, ctx.membership)),
  settings: orgProcedure.meta(read).query(({ ctx }) => getOrganizationSettings(ctx.scope)),
  updateSettings: orgProcedure.meta(write).input(organizationSettingsSchema).mutation(({ ctx, input }) => updateOrganizationSettings(ctx.scope, input)),
  requestExport: orgProcedure.meta(write).mutation(({ ctx }) => requestOrganizationExport(ctx.scope)),
  exports: orgProcedure.meta(write).query(({ ctx }) => listOrganizationExports(ctx.scope)),
  export: orgProcedure.meta(write).input(organizationExportIdSchema).query(({ ctx, input }) => getOrganizationExport(ctx.scope, input.id)),
  /** Not an orgProcedure: the organization, its audit log with it, is gone when this returns. */
  delete: authedProcedure.input(deleteOrganizationSchema).mutation(({ ctx, input }) => deleteOrganization(ctx.session.user.id, input, ctx.meta)),
});

import { orgProcedure, router } from "@/server/api/trpc";
import { createRoleSchema, roleIdSchema, setRolePermissionsSchema, updateRoleSchema } from "./roles.schema";
import { createRole, deleteRole, getRole, listRoles, setRolePermissions, updateRole } from "./roles.service";

const read = { permission: { resource: "roles", action: "read" } } as const;
const write = { permission: { resource: "roles", action: "write" } } as const;

export const rolesRouter = router({
  list: orgProcedure.meta(read).query(({ ctx }) => listRoles(ctx.scope)),
  get: orgProcedure.meta(read).input(roleIdSchema).query(({ ctx, input }) => getRole(ctx.scope, input.id)),
  create: orgProcedure.meta(write).input(createRoleSchema).mutation(({ ctx, input }) => createRole(ctx.scope, ctx.membership, input)),
  update: orgProcedure.meta(write).input(updateRoleSchema).mutation(({ ctx, input }) => updateRole(ctx.scope, input)),
  setPermissions: orgProcedure.meta(write).input(setRolePermissionsSchema).mutation(({ ctx, input }) => setRolePermissions(ctx.scope, ctx.membership, input)),
  delete: orgProcedure
    .meta({ permission: { resource: "roles", action: "delete" } })
    .input(roleIdSchema)
    .mutation(({ ctx, input }) => deleteRole(ctx.scope, input.id)),
});

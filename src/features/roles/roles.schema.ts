import { z } from "zod";
import { ACTIONS, type PermissionName, RESOURCES, SYSTEM_ROLE_NAMES } from "./permissions";

export const PERMISSION_NAMES = RESOURCES.flatMap((r) => ACTIONS.map((a) => `${r}:${a}` as PermissionName));

export const permissionNameSchema = z.enum(PERMISSION_NAMES as [PermissionName, ...PermissionName[]], { message: "Unknown permission" });

const RESERVED = new Set(SYSTEM_ROLE_NAMES.map((n) => n.toLowerCase()));

export const roleNameSchema = z
  .string()
  .trim()
  .min(2, "Use at least 2 characters")
  .max(100, "Use at most 100 characters")
  .refine((n) => !RESERVED.has(n.toLowerCase()), "That name belongs to a built-in role; choose another");

export const roleDescriptionSchema = z
  .string()
  .trim()
  .max(500, "Use at most 500 characters")
  .nullish()
  .transform((d) => (d ? d : null));

export const roleIdSchema = z.object({ id: z.uuid("Unknown role") });

export const createRoleSchema = z.object({
  name: roleNameSchema,
  description: roleDescriptionSchema,
  /** Start from another role's permissions (else from none). */
  copyFromRoleId: z.union([z.literal("").transform(() => undefined), z.uuid("Choose a role from the list")]).optional(),
});
export type CreateRoleInput = z.input<typeof createRoleSchema>;

export const updateRoleSchema = z.object({
  id: z.uuid("Unknown role"),
  name: roleNameSchema,
  description: roleDescriptionSchema,
});
export type UpdateRoleInput = z.input<typeof updateRoleSchema>;

export const setRolePermissionsSchema = z.object({
  id: z.uuid("Unknown role"),
  permissions: z.array(permissionNameSchema).max(PERMISSION_NAMES.length * 2),
});

/** Any action on a resource implies reading it: a role that may edit leads may see them. */
export function withImpliedReads(permissions: Iterable<string>): PermissionName[] {
  const set = new Set(permissions);
  for (const name of [...set]) {
    const [resource, action] = name.split(":");
    if (action !== "read") set.add(`${resource}:read`);
  }
  return PERMISSION_NAMES.filter((p) => set.has(p));
}

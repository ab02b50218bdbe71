// Roles of one organization: the five system roles every organization starts with and the
// custom roles its admins add. Permissions apply on the next request (orgProcedure reads the
// member's role on every call), so nothing here needs to reach sessions.
import type { z } from "zod";
import { literalEquals } from "@/lib/like-pattern";
import { AppError } from "@/server/api/errors";
import type { OrgScope } from "@/server/api/scope";
import type { ResolvedMembership } from "@/server/db/system/sessions";
import { type PermissionName, SYSTEM_ROLE_NAMES } from "./permissions";
import { PERMISSION_NAMES, type createRoleSchema, type setRolePermissionsSchema, type updateRoleSchema, withImpliedReads } from "./roles.schema";

/** Who is acting, as orgProcedure resolved them: their role and what it grants. */
export type Actor = Pick<ResolvedMembership, "membershipId" | "role" | "permissions">;

export const OWNER_ROLE = "Owner";
export const isOwnerRole = (role: { name: string; isSystem: boolean }) => role.isSystem && role.name === OWNER_ROLE;

const SYSTEM_ORDER = new Map<string, number>(SYSTEM_ROLE_NAMES.map((name, i) => [name, i]));

/** System roles first (Owner → Viewer), then custom roles by name. */
export function sortRoles<T extends { name: string; isSystem: boolean }>(roles: T[]): T[] {
  return [...roles].sort((a, b) => {
    if (a.isSystem !== b.isSystem) return a.isSystem ? -1 : 1;
    if (a.isSystem) return (SYSTEM_ORDER.get(a.name) ?? 99) - (SYSTEM_ORDER.get(b.name) ?? 99);
    return a.name.localeCompare(b.name);
  });
}

const permissionNames = (rows: { permission: { name: string } }[]) =>
  PERMISSION_NAMES.filter((p) => rows.some((r) => r.permission.name === p));

/** A role of this organization with its permission names, or NOT_FOUND (on `field`). */
export async function findRole(scope: OrgScope, id: string, field = "roleId") {
  const role = await scope.tx.role.findUnique({
    where: { organizationId_id: { organizationId: scope.orgId, id } },
    select: { id: true, name: true, description: true, isSystem: true, isDefault: true, permissions: { select: { permission: { select: { name: true } } } } },
  });
  if (!role) throw new AppError("NOT_FOUND", "That role does not exist in this organization", field);
  const { permissions, ...rest } = role;
  return { ...rest, permissions: permissionNames(permissions) };
}

/** The organization's Owner role (a system role every organization has). */
export async function findOwnerRole(scope: OrgScope) {
  const role = await scope.tx.role.findFirst({ where: { isSystem: true, name: OWNER_ROLE }, select: { id: true, name: true } });
  if (!role) throw new Error("Organization has no Owner role");
  return role;
}

export async function findSystemRole(scope: OrgScope, name: (typeof SYSTEM_ROLE_NAMES)[number]) {
  const role = await scope.tx.role.findFirst({ where: { isSystem: true, name }, select: { id: true, name: true } });
  if (!role) throw new Error(`Organization has no ${name} role`);
  return role;
}

/**
 * Nobody hands out more than they hold: giving a role (to a member or an invitation) or adding
 * permissions to one needs every permission involved. Owners hold everything, so they may.
 */
export function assertCanGrant(actor: Actor, permissions: readonly string[], what: string, field?: string): void {
  const held = new Set(actor.permissions);
  const missing = permissions.filter((p) => !held.has(p));
  if (missing.length) {
    const shown = missing.slice(0, 3).join(", ") + (missing.length > 3 ? ` and ${missing.length - 3} more` : "");
    throw new AppError("FORBIDDEN", `Your role (${actor.role.name}) cannot ${what}: it would grant ${shown}, which your role does not have`, field);
  }
}

/** Every role, system roles first (Owner → Viewer), with how many members and invitations hold it. */
export async function listRoles(scope: OrgScope) {
  const roles = await scope.tx.role.findMany({
    select: {
      id: true, name: true, description: true, isSystem: true, isDefault: true, createdAt: true, updatedAt: true,
      permissions: { select: { permission: { select: { name: true } } } },
      _count: { select: { memberships: true, invitations: { where: { status: "pending" } } } },
    },
  });
  return sortRoles(roles).map(({ permissions, _count, ...role }) => ({
    ...role,
    permissions: permissionNames(permissions),
    memberCount: _count.memberships,
    pendingInvitationCount: _count.invitations,
  }));
}

export async function getRole(scope: OrgScope, id: string) {
  const role = await findRole(scope, id, "id");
  const members = await scope.tx.membership.findMany({
    where: { roleId: id },
    select: { id: true, status: true, user: { select: { id: true, fullName: true, email: true } } },
    orderBy: { user: { fullName: "asc" } },
    take: 200,
  });
  const pendingInvitationCount = await scope.tx.invitation.count({ where: { roleId: id, status: "pending" } });
  return { ...role, members, pendingInvitationCount };
}

/** Case-insensitive: "sales lead" and "Sales Lead" are the same role to people. */
async function assertNameFree(scope: OrgScope, name: string, exceptId?: string) {
  const clash = await scope.tx.role.findFirst({
    where: { name: { equals: literalEquals(name), mode: "insensitive" }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (clash) throw new AppError("CONFLICT", "Another role already has this name", "name");
}

async function permissionIds(scope: OrgScope, names: readonly PermissionName[]) {
  if (!names.length) return [];
  const rows = await scope.tx.permission.findMany({ where: { name: { in: [...names] } }, select: { id: true } });
  return rows.map((r) => r.id);
}

export async function createRole(scope: OrgScope, actor: Actor, input: z.output<typeof createRoleSchema>) {
  await assertNameFree(scope, input.name);
  const permissions = input.copyFromRoleId ? (await findRole(scope, input.copyFromRoleId, "copyFromRoleId")).permissions : [];
  assertCanGrant(actor, permissions, "copy that role", "copyFromRoleId");
  const role = await scope.tx.role.create({
    data: { organizationId: scope.orgId, name: input.name, description: input.description },
    select: { id: true, name: true },
  });
  const ids = await permissionIds(scope, permissions);
  if (ids.length) {
    await scope.tx.rolePermission.createMany({ data: ids.map((permissionId) => ({ organizationId: scope.orgId, roleId: role.id, permissionId })) });
  }
  await scope.audit({
    action: "role.create", resourceType: "role", resourceId: role.id,
    newValues: { name: input.name, description: input.description, permissions },
    details: input.copyFromRoleId ? { copiedFromRoleId: input.copyFromRoleId } : {},
  });
  return role;
}

export async function updateRole(scope: OrgScope, input: z.output<typeof updateRoleSchema>) {
  const before = await findRole(scope, input.id, "id");
  if (before.isSystem) throw new AppError("FORBIDDEN", `${before.name} is a built-in role; it cannot be renamed`, "name");
  await assertNameFree(scope, input.name, input.id);
  const role = await scope.tx.role.update({
    where: { organizationId_id: { organizationId: scope.orgId, id: input.id } },
    data: { name: input.name, description: input.description },
    select: { id: true, name: true, description: true },
  });
  await scope.audit({
    action: "role.update", resourceType: "role", resourceId: role.id,
    oldValues: { name: before.name, description: before.description },
    newValues: { name: role.name, description: role.description },
  });
  return role;
}

export async function setRolePermissions(scope: OrgScope, actor: Actor, input: z.output<typeof setRolePermissionsSchema>) {
  const role = await findRole(scope, input.id, "id");
  if (isOwnerRole(role)) {
    throw new AppError("FORBIDDEN", "The Owner role always has every permission; its permissions cannot be changed");
  }
  const next = withImpliedReads(input.permissions);
  const before = new Set(role.permissions);
  const after = new Set(next);
  const added = next.filter((p) => !before.has(p));
  const removed = role.permissions.filter((p) => !after.has(p));
  assertCanGrant(actor, added, `give ${role.name} these permissions`, "permissions");
  if (removed.length) {
    const removedIds = await permissionIds(scope, removed);
    await scope.tx.rolePermission.deleteMany({ where: { roleId: role.id, permissionId: { in: removedIds } } });
  }
  const addedIds = await permissionIds(scope, added);
  if (addedIds.length) {
    await scope.tx.rolePermission.createMany({ data: addedIds.map((permissionId) => ({ organizationId: scope.orgId, roleId: role.id, permissionId })) });
  }
  await scope.tx.role.update({ where: { organizationId_id: { organizationId: scope.orgId, id: role.id } }, data: { updatedAt: new Date() } });
  await scope.audit({
    action: "role.permissions_update", resourceType: "role", resourceId: role.id,
    oldValues: { permissions: role.permissions }, newValues: { permissions: next },
    details: { role: role.name, added, removed },
  });
  return { id: role.id, permissions: next, added, removed };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export async function deleteRole(scope: OrgScope, id: string) {
  const role = await findRole(scope, id, "id");
  if (role.isSystem) throw new AppError("FORBIDDEN", `${role.name} is a built-in role; it cannot be deleted`);
  const members = await scope.tx.membership.count({ where: { roleId: id } });
  const pending = await scope.tx.invitation.count({ where: { roleId: id, status: "pending" } });
  if (members || pending) {
    const holders = [members ? plural(members, "member") : null, pending ? plural(pending, "pending invitation") : null].filter(Boolean).join(" and ");
    throw new AppError(
      "PRECONDITION_FAILED",
      `${role.name} is in use by ${holders}. Give them another role${pending ? " (or revoke the invitations)" : ""} before deleting it.`,
    );
  }
  await scope.tx.role.delete({ where: { organizationId_id: { organizationId: scope.orgId, id } } });
  await scope.audit({
    action: "role.delete", resourceType: "role", resourceId: id,
    oldValues: { name: role.name, description: role.description, permissions: role.permissions },
  });
  return { id };
}

// Sign-up: a new account with its first organization, or another organization for a signed-in user.
import "server-only";
import { FREE_PLAN, planColumns } from "@/features/billing/plans";
import { DEFAULT_PIPELINE } from "@/features/pipelines/default-pipeline";
import { type PermissionName, SYSTEM_ROLE_NAMES, SYSTEM_ROLES } from "@/features/roles/permissions";
import { nextFreeSlug, slugify } from "@/lib/slug";
import type { RequestMeta } from "@/server/request-meta";
import { systemDb } from "../client";
import type { SystemTx } from "./shared";

async function freeSlug(tx: SystemTx, name: string): Promise<string> {
  const base = slugify(name);
  const taken = await tx.organization.findMany({
    where: { OR: [{ slug: base }, { slug: { startsWith: `${base.slice(0, 40)}-` } }] },
    select: { slug: true },
  });
  return nextFreeSlug(base, new Set(taken.map((o) => o.slug)));
}

/** The organization, its five system roles with their permissions, and the Owner membership. */
async function createOrganization(tx: SystemTx, ownerId: string, name: string, meta: RequestMeta) {
  const organization = await tx.organization.create({
    data: { name: name.trim(), slug: await freeSlug(tx, name), ...planColumns(FREE_PLAN) },
    select: { id: true, slug: true, name: true },
  });
  const catalog = await tx.permission.findMany({ select: { id: true, name: true } });
  const permissionIds = new Map(catalog.map((p) => [p.name as PermissionName, p.id]));
  let ownerRoleId = "";
  for (const roleName of SYSTEM_ROLE_NAMES) {
    const definition = SYSTEM_ROLES[roleName];
    const role = await tx.role.create({
      data: {
        organizationId: organization.id,
        name: roleName,
        description: definition.description,
        isSystem: true,
        isDefault: definition.isDefault ?? false,
      },
      select: { id: true },
    });
    if (roleName === "Owner") ownerRoleId = role.id;
    await tx.rolePermission.createMany({
      data: definition.permissions.map((p) => ({ organizationId: organization.id, roleId: role.id, permissionId: permissionIds.get(p)! })),
    });
  }
  await tx.membership.create({
    data: { organizationId: organization.id, userId: ownerId, roleId: ownerRoleId, assignedBy: ownerId },
  });
  // Composite tenant keys rule out Prisma's nested create here, hence two statements.
  const pipeline = await tx.pipeline.create({
    data: { organizationId: organization.id, name: DEFAULT_PIPELINE.name, isDefault: true },
    select: { id: true },
  });
  await tx.pipelineStage.createMany({
    data: DEFAULT_PIPELINE.stages.map((stage, position) => ({ ...stage, position, organizationId: organization.id, pipelineId: pipeline.id })),
  });
  await tx.auditLog.create({
    data: {
      organizationId: organization.id,
      userId: ownerId,
      action: "organization.create",
      resourceType: "organization",
      resourceId: organization.id,
      newValues: { name: organization.name, slug: organization.slug },
      ipAddress: meta.ip,
      userAgent: meta.userAgent,
    },
  });
  return organization;
}

export async function createAccountWithOrganization(
  input: { email: string; passwordHash: string; firstName: string; lastName: string; organizationName: string; emailVerified?: Date },
  meta: RequestMeta,
): Promise<{ userId: string; organizationSlug: string }> {
  return systemDb().$transaction(async (tx) => {
    const user = await tx.user.create({
      data: {
        email: input.email,
        emailVerified: input.emailVerified ?? null,
        passwordHash: input.passwordHash,
        firstName: input.firstName,
        lastName: input.lastName,
        fullName: `${input.firstName} ${input.lastName}`.trim(),
      },
      select: { id: true },
    });
    const organization = await createOrganization(tx, user.id, input.organizationName, meta);
    await tx.securityEvent.create({ data: { userId: user.id, event: "account.created", ipAddress: meta.ip, userAgent: meta.userAgent } });
    return { userId: user.id, organizationSlug: organization.slug };
  });
}

export async function createOrganizationForUser(userId: string, name: string, meta: RequestMeta): Promise<{ slug: string }> {
  return systemDb().$transaction(async (tx) => {
    const organization = await createOrganization(tx, userId, name, meta);
    return { slug: organization.slug };
  });
}

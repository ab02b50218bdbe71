// An organization's security policy: whether every member must use two-factor authentication.
// The gate itself is in orgProcedure (src/server/api/trpc.ts) and the org layout; this is the
// setting, who can change it, and who is not ready for it yet.
import type { z } from "zod";
import { hasPermission } from "@/features/roles/permissions";
import { AppError, notFound } from "@/server/api/errors";
import type { OrgScope } from "@/server/api/scope";
import type { ResolvedMembership } from "@/server/db/system/sessions";
import type { updateOrgSecuritySchema } from "./org-security.schema";

export const MANAGE_SECURITY = { resource: "organization", action: "admin" } as const;

export async function orgSecurity(scope: OrgScope, membership: ResolvedMembership) {
  const [organization, members] = await Promise.all([
    scope.tx.organization.findUnique({ where: { id: scope.orgId }, select: { requireTwoFactor: true } }),
    scope.tx.membership.findMany({
      where: { organizationId: scope.orgId, status: "active" },
      select: { id: true, role: { select: { name: true } }, user: { select: { fullName: true, email: true, twoFactorEnabled: true } } },
      orderBy: { user: { fullName: "asc" } },
    }),
  ]);
  if (!organization) throw notFound("Organization");
  const withoutTwoFactor = members.filter((m) => !m.user.twoFactorEnabled);
  return {
    requireTwoFactor: organization.requireTwoFactor,
    canManage: hasPermission(membership.permissions, MANAGE_SECURITY),
    youHaveTwoFactor: membership.twoFactor.enabled,
    memberCount: members.length,
    withoutTwoFactor: withoutTwoFactor.map((m) => ({ id: m.id, name: m.user.fullName, email: m.user.email, role: m.role.name })),
  };
}

export async function updateOrgSecurity(scope: OrgScope, membership: ResolvedMembership, input: z.output<typeof updateOrgSecuritySchema>) {
  const before = await scope.tx.organization.findUnique({ where: { id: scope.orgId }, select: { requireTwoFactor: true } });
  if (!before) throw notFound("Organization");
  // Requiring it without having it would lock the person turning it on out at once.
  if (input.requireTwoFactor && !membership.twoFactor.enabled) {
    throw new AppError("PRECONDITION_FAILED", "Turn on two-factor authentication for your own account first (Account security), then require it for everyone.");
  }
  if (before.requireTwoFactor !== input.requireTwoFactor) {
    await scope.tx.organization.update({ where: { id: scope.orgId }, data: { requireTwoFactor: input.requireTwoFactor } });
    await scope.tx.securityEvent.create({
      data: {
        userId: scope.userId,
        event: input.requireTwoFactor ? "organization.two_factor_required" : "organization.two_factor_not_required",
        ipAddress: scope.meta.ip,
        userAgent: scope.meta.userAgent,
        details: { organizationId: scope.orgId, organization: membership.organization.name },
      },
    });
  }
  await scope.audit({
    action: "organization.security.update",
    resourceType: "organization",
    resourceId: scope.orgId,
    oldValues: { requireTwoFactor: before.requireTwoFactor },
    newValues: { requireTwoFactor: input.requireTwoFactor },
  });
  return { requireTwoFactor: input.requireTwoFactor };
}

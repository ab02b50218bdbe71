import type { OrgScope } from "@/server/api/scope";
import type { ResolvedMembership } from "@/server/db/system/sessions";
import { readOnlyMessage, readOnlyReason } from "@/features/billing/access";
import { notFound } from "@/server/api/errors";
import { billingEnabled } from "@/server/billing/config";

/** The current organization as its members see it, with the caller's role and permissions. */
export async function currentOrganization(scope: OrgScope, membership: ResolvedMembership) {
  const organization = await scope.tx.organization.findUnique({
    where: { id: scope.orgId },
    select: {
      id: true, name: true, slug: true, subscriptionTier: true, subscriptionStatus: true,
      maxUsers: true, createdAt: true, _count: { select: { memberships: true } },
    },
  });
  if (!organization) throw notFound("Organization");
  const { _count, ...rest } = organization;
  // Past due or ended: the layout shows why the organization is read-only, and where to fix it.
  const reason = readOnlyReason(membership.billing, billingEnabled());
  const readOnly = reason ? { reason, message: readOnlyMessage(reason, rest.slug) } : null;
  return { ...rest, memberCount: _count.memberships, role: membership.role, permissions: membership.permissions, readOnly };
}

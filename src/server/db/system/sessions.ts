// The per-request checks: is this session still live, and which organization membership does the caller hold.
import "server-only";
import type { RequestMeta } from "@/server/request-meta";
import { systemDb } from "../client";

export interface ActiveSession {
  sessionId: string;
  user: { id: string; email: string; fullName: string; firstName: string; isSuperAdmin: boolean };
}

const TOUCH_INTERVAL_MS = 60_000;

/** The session behind a JWT, if it is still live and its user may still sign in. */
export async function loadActiveSession(sessionId: string, tokenHash: string): Promise<ActiveSession | null> {
  const now = new Date();
  const session = await systemDb().session.findUnique({
    where: { id: sessionId },
    select: {
      id: true,
      tokenHash: true,
      revokedAt: true,
      expiresAt: true,
      lastUsedAt: true,
      user: { select: { id: true, email: true, fullName: true, firstName: true, isSuperAdmin: true, status: true, deletedAt: true } },
    },
  });
  if (!session || session.tokenHash !== tokenHash || session.revokedAt || session.expiresAt <= now) return null;
  const { user } = session;
  if (user.status !== "active" || user.deletedAt) return null;
  if (now.getTime() - session.lastUsedAt.getTime() >= TOUCH_INTERVAL_MS) {
    await systemDb().session.update({ where: { id: session.id }, data: { lastUsedAt: now } });
  }
  return {
    sessionId: session.id,
    user: { id: user.id, email: user.email, fullName: user.fullName, firstName: user.firstName, isSuperAdmin: user.isSuperAdmin },
  };
}

export async function endSession(sessionId: string, meta: RequestMeta): Promise<void> {
  await systemDb().$transaction(async (tx) => {
    const updated = await tx.session.updateManyAndReturn({
      where: { id: sessionId, revokedAt: null },
      data: { revokedAt: new Date() },
      select: { userId: true },
    });
    if (updated[0]) {
      await tx.securityEvent.create({
        data: { userId: updated[0].userId, event: "sign_out", ipAddress: meta.ip, userAgent: meta.userAgent, details: { sessionId } },
      });
    }
  });
}

// ------------------------------------------------------------------ membership resolution

export interface ResolvedMembership {
  organization: { id: string; name: string; slug: string };
  membershipId: string;
  role: { id: string; name: string };
  permissions: string[];
  /** The organization requires two-factor authentication, and whether this member has it on. */
  twoFactor: { required: boolean; enabled: boolean };
  /** The organization's subscription status and expiry: past due or ended means read-only (src/features/billing/access.ts). */
  billing: { status: string; expiresAt: Date | null };
}

/**
 * The caller's active membership in the organization with this slug, or null: a missing
 * organization and one the user is not a member of look exactly the same.
 */
export async function findMembership(userId: string, organizationSlug: string): Promise<ResolvedMembership | null> {
  const membership = await systemDb().membership.findFirst({
    where: { userId, status: "active", organization: { slug: organizationSlug, isActive: true } },
    select: {
      id: true,
      organization: { select: { id: true, name: true, slug: true, requireTwoFactor: true, subscriptionStatus: true, subscriptionExpiresAt: true } },
      user: { select: { twoFactorEnabled: true } },
      role: { select: { id: true, name: true, permissions: { select: { permission: { select: { name: true } } } } } },
    },
  });
  if (!membership) return null;
  const { requireTwoFactor, subscriptionStatus, subscriptionExpiresAt, ...organization } = membership.organization;
  return {
    organization,
    membershipId: membership.id,
    role: { id: membership.role.id, name: membership.role.name },
    permissions: membership.role.permissions.map((p) => p.permission.name),
    twoFactor: { required: requireTwoFactor, enabled: membership.user.twoFactorEnabled },
    billing: { status: subscriptionStatus, expiresAt: subscriptionExpiresAt },
  };
}

export async function listUserOrganizations(userId: string): Promise<{ id: string; name: string; slug: string; requireTwoFactor: boolean; roleName: string }[]> {
  const memberships = await systemDb().membership.findMany({
    where: { userId, status: "active", organization: { isActive: true } },
    select: { organization: { select: { id: true, name: true, slug: true, requireTwoFactor: true } }, role: { select: { name: true } } },
    orderBy: { organization: { name: "asc" } },
  });
  return memberships.map((m) => ({ ...m.organization, roleName: m.role.name }));
}

// Seats: an organization's plan allows organizations.max_users people, counting active members
// and the pending invitations that have not expired (each will become a member). Changes that
// add people lock the organization's row first, so two at once cannot both take the last seat.
// Like every plan limit, it applies while billing is on; self-hosted Parley (no Stripe) has none.
import { AppError } from "@/server/api/errors";
import type { OrgScope } from "@/server/api/scope";
import { billingEnabled } from "@/server/billing/config";

export interface SeatUsage {
  /** null: no limit (billing is off). */
  limit: number | null;
  members: number;
  pending: number;
  used: number;
  /** null: no limit. */
  available: number | null;
}

export const seatLimitApplies = () => billingEnabled();

/** Serializes seat and ownership changes within one organization (released at commit). */
export async function lockOrganization(scope: OrgScope): Promise<void> {
  await scope.tx.$queryRaw`SELECT id FROM organizations WHERE id = ${scope.orgId}::uuid FOR UPDATE`;
}

export async function seatUsage(scope: OrgScope): Promise<SeatUsage> {
  const organization = await scope.tx.organization.findUnique({ where: { id: scope.orgId }, select: { maxUsers: true } });
  const members = await scope.tx.membership.count({ where: { status: "active" } });
  const pending = await scope.tx.invitation.count({ where: { status: "pending", expiresAt: { gt: new Date() } } });
  const limit = seatLimitApplies() ? (organization?.maxUsers ?? 0) : null;
  const used = members + pending;
  return { limit, members, pending, used, available: limit === null ? null : Math.max(0, limit - used) };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * Refuses adding a person when every seat is taken. The error names the limit; its field
 * ("seats") lets forms show it with a link to upgrade the plan.
 */
export async function assertSeatAvailable(scope: OrgScope, action = "invite more people"): Promise<SeatUsage> {
  const usage = await seatUsage(scope);
  if (usage.limit !== null && usage.used >= usage.limit) {
    throw new AppError(
      "PRECONDITION_FAILED",
      `Your plan includes ${plural(usage.limit, "seat")} and all are in use (${plural(usage.members, "active member")}, ${plural(usage.pending, "pending invitation")}). Upgrade your plan or free a seat to ${action}.`,
      "seats",
    );
  }
  return usage;
}

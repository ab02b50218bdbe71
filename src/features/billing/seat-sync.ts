// Called by the members feature whenever the number of active members changes (join, removal,
// deactivation), inside that change's scope. Billing keeps the Stripe subscription's seat
// quantity in step with it, after the change commits, with proration. Without Stripe, or
// without a subscription, it does nothing.
import { uuidv7 } from "@/lib/ids";
import type { OrgScope } from "@/server/api/scope";
import { billingEnabled, stripe } from "@/server/billing/config";
import { snapshotFromStripe, subscriptionEffect } from "@/server/billing/subscription";
import { recordStripeSubscription } from "@/server/db/system/billing";
import { withOrg } from "@/server/db/tenant";

/** Statuses in which Stripe still bills seats (a canceled or unpaid-at-start one is left alone). */
const BILLED = new Set(["active", "trialing", "past_due"]);

export function afterSeatChange(scope: OrgScope): void {
  if (!billingEnabled()) return;
  const { orgId, userId } = scope;
  scope.afterCommit(() => syncSeatQuantity(orgId, userId));
}

/**
 * Sets the subscription's quantity to the organization's active members (at least one), with
 * prorations. One sync at a time per organization (an advisory lock), each counting after
 * the previous one has finished, so the last word is always the current count. For code that
 * changes membership outside an OrgScope (accepting an invitation), call it after commit.
 */
export async function syncSeatQuantity(orgId: string, userId: string | null = null): Promise<{ quantity: number; changed: boolean } | null> {
  if (!billingEnabled()) return null;
  return withOrg({ orgId, userId }, async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`parley-seats:${orgId}`}, 0))`;
    const subscription = await tx.billingSubscription.findUnique({ where: { organizationId: orgId } });
    if (!subscription?.stripeItemId || !BILLED.has(subscription.status)) return null;
    const quantity = Math.max(1, await tx.membership.count({ where: { status: "active" } }));
    if (quantity === subscription.quantity) return { quantity, changed: false };
    const observedAt = new Date();
    const updated = await stripe().subscriptions.update(
      subscription.stripeSubscriptionId,
      { items: [{ id: subscription.stripeItemId, quantity }], proration_behavior: "create_prorations" },
      { idempotencyKey: `parley-seats-${subscription.stripeSubscriptionId}-${uuidv7()}` },
    );
    const snapshot = snapshotFromStripe(updated);
    if (snapshot) await recordStripeSubscription(subscriptionEffect(snapshot, observedAt, orgId), { userId, action: "seat_sync" });
    return { quantity, changed: true };
  });
}

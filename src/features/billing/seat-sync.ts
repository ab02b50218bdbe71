// Called by the members feature whenever the number of active members changes (join, removal,
// deactivation), inside that change's scope. Billing keeps the Stripe subscription's seat
// quantity in step with it, after the change commits, with proration. Without Stripe, or
// without a subscription, it does nothing.
import type Stripe from "stripe";
import { uuidv7 } from "@/lib/ids";
import type { OrgScope } from "@/server/api/scope";
import { billingEnabled, stripe } from "@/server/billing/config";
import { snapshotFromStripe, subscriptionEffect } from "@/server/billing/subscription";
import { recordStripeSubscription } from "@/server/db/system/billing";
import { withOrg } from "@/server/db/tenant";

/** Statuses in which Stripe still bills seats (a canceled or unpaid-at-start one is left alone). */
const BILLED = new Set(["active", "trialing", "past_due"]);

/**
 * Updates one sync may send while members keep changing under it (each round trip saw another
 * count). A safety stop, not a path taken: the guarantee below assumes no sync stopped here.
 */
const MAX_ROUNDS = 10;

export function afterSeatChange(scope: OrgScope): void {
  if (!billingEnabled()) return;
  const { orgId, userId } = scope;
  scope.afterCommit(() => syncSeatQuantity(orgId, userId));
}

/** The billed subscription and the active members (at least one seat), in one short transaction. */
function readSeats(orgId: string, userId: string | null) {
  return withOrg({ orgId, userId }, async (tx) => {
    const subscription = await tx.billingSubscription.findUnique({ where: { organizationId: orgId }, select: { stripeSubscriptionId: true, stripeItemId: true, status: true, quantity: true } });
    const members = await tx.membership.count({ where: { status: "active" } });
    return { subscription, seats: Math.max(1, members) };
  });
}

const quantityOf = (subscription: Stripe.Subscription) => subscription.items?.data?.[0]?.quantity ?? 1;

/**
 * Sets the subscription's quantity to the organization's active members (at least one), with
 * prorations, holding no transaction (and no lock) while Stripe answers. It converges instead:
 * read Stripe's quantity, count the members after that read, and send the count when they
 * differ; Stripe's answer is the quantity just after that update landed, so count again and
 * repeat until a count taken after Stripe's latest answer equals it. Why the last word is the
 * current count even when syncs overlap: the last update to land at Stripe belongs to a sync
 * that counted after it landed and stopped only because that count matched; a count that
 * changes later comes from a membership change, whose own sync starts after it commits.
 * Stripe is compared, not the stored row: overlapping answers can land in one order and be
 * recorded in the other (the later read wins), so the row can lag; a settled sync puts it right.
 * billing-network.test.ts drives overlapping syncs through adversarial orders to hold this.
 * For code that changes membership outside an OrgScope (accepting an invitation), call it
 * after commit.
 */
export async function syncSeatQuantity(orgId: string, userId: string | null = null): Promise<{ quantity: number; changed: boolean } | null> {
  if (!billingEnabled()) return null;
  const first = (await readSeats(orgId, userId)).subscription;
  if (!first?.stripeItemId || !BILLED.has(first.status)) return null;
  const { stripeSubscriptionId: id, stripeItemId: itemId } = first;
  let observedAt = new Date();
  let billed = await stripe().subscriptions.retrieve(id);
  let changed = false;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    if (!BILLED.has(billed.status)) return null;
    const { subscription: stored, seats } = await readSeats(orgId, userId);
    // The organization moved to another subscription meanwhile: that one is synced on its own.
    if (stored?.stripeSubscriptionId !== id || stored.stripeItemId !== itemId) return null;
    if (quantityOf(billed) === seats) {
      // Settled. The stored row may lag when overlapping answers were recorded out of order (the
      // later read wins, not the later landing): a fresh read of Stripe puts it right.
      if (stored.quantity !== seats) await recordCurrent(id, orgId, userId);
      return { quantity: seats, changed };
    }
    observedAt = new Date();
    billed = await stripe().subscriptions.update(
      id,
      { items: [{ id: itemId, quantity: seats }], proration_behavior: "create_prorations" },
      { idempotencyKey: `parley-seats-${id}-${uuidv7()}` },
    );
    changed = true;
    await record(billed, observedAt, orgId, userId);
    if (quantityOf(billed) !== seats) {
      // Stripe set another quantity than the one sent (a price with limits): sending again would not help.
      console.warn(`billing: Stripe kept ${quantityOf(billed)} seats on ${id} when sent ${seats}`);
      return { quantity: quantityOf(billed), changed };
    }
  }
  console.warn(`billing: seats of organization ${orgId} changed during each of ${MAX_ROUNDS} updates; stopping, the next change syncs again`);
  return { quantity: quantityOf(billed), changed };
}

async function recordCurrent(id: string, orgId: string, userId: string | null) {
  const observedAt = new Date();
  await record(await stripe().subscriptions.retrieve(id), observedAt, orgId, userId);
}

/** Stores what Stripe answered (the stored row follows; stale answers are skipped by the rules). */
async function record(subscription: Stripe.Subscription, observedAt: Date, orgId: string, userId: string | null) {
  const snapshot = snapshotFromStripe(subscription);
  if (snapshot) await recordStripeSubscription(subscriptionEffect(snapshot, observedAt, orgId), { userId, action: "seat_sync" });
}

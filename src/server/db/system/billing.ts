// Stripe's state applied to organizations: webhooks (exactly once) and the app's own billing actions.
import "server-only";
import type { BillingEffect, SubscriptionEffect } from "@/server/billing/subscription";
import { customerLinkVerdict, organizationChanges, organizationForSubscription, paymentVerdict, subscriptionAudit, subscriptionRow, subscriptionVerdict } from "@/server/billing/subscription-rules";
import { systemDb } from "../client";
import type { SystemTx } from "./shared";

type BillingSource = { kind: "webhook"; eventId: string; eventType: string } | { kind: "app"; userId: string | null; action: string };

/** Serializes applying one Stripe subscription's states (released at commit; never held while Stripe is asked). */
async function lockStripeSubscription(tx: SystemTx, subscriptionId: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`stripe-subscription:${subscriptionId}`}, 0))`;
}

function billingAudit(tx: SystemTx, organizationId: string, source: BillingSource, entry: { action: string; resourceId?: string; oldValues?: object; newValues?: object }) {
  const details = source.kind === "webhook" ? { source: "stripe", eventId: source.eventId, eventType: source.eventType } : { source: "parley", action: source.action };
  return tx.auditLog.create({
    data: {
      organizationId, userId: source.kind === "app" ? source.userId : null, action: entry.action, resourceType: "subscription",
      resourceId: entry.resourceId ?? null, oldValues: entry.oldValues, newValues: entry.newValues, details,
      userAgent: source.kind === "webhook" ? "Stripe webhook" : null,
    },
  });
}

async function linkStripeCustomer(tx: SystemTx, organizationId: string, customerId: string): Promise<string> {
  const organization = await tx.organization.findUnique({ where: { id: organizationId }, select: { stripeCustomerId: true } });
  const owner = await tx.organization.findUnique({ where: { stripeCustomerId: customerId }, select: { id: true } });
  const verdict = customerLinkVerdict(organization, customerId, owner);
  if ("skip" in verdict) return verdict.skip;
  await tx.organization.update({ where: { id: organizationId }, data: { stripeCustomerId: customerId } });
  return "customer linked";
}

/**
 * Applies a subscription as Stripe reported it: the billing_subscriptions row and the
 * organization's tier, status, expiry and limits, as src/server/billing/subscription-rules.ts decides (stale states skipped, a live
 * subscription never displaced by a dead one, Free never pulled back, audit only on a change).
 */
async function applyStripeSubscription(tx: SystemTx, effect: SubscriptionEffect, source: BillingSource): Promise<string> {
  const snap = effect.snapshot;
  const select = { id: true, stripeCustomerId: true, subscriptionTier: true, subscriptionStatus: true } as const;
  const hinted = effect.organizationHint ? await tx.organization.findUnique({ where: { id: effect.organizationHint }, select }) : null;
  const owner = await tx.organization.findUnique({ where: { stripeCustomerId: snap.customerId }, select });
  const found = organizationForSubscription(snap.customerId, hinted, owner);
  if ("skip" in found) return found.skip;
  const { organization } = found;
  // The same lock seat changes take: the organization's limits change under it.
  await tx.$queryRaw`SELECT id FROM organizations WHERE id = ${organization.id}::uuid FOR UPDATE`;
  const current = await tx.billingSubscription.findUnique({ where: { organizationId: organization.id } });
  const verdict = subscriptionVerdict(current, snap, effect.observedAt);
  if ("skip" in verdict) return verdict.skip;
  if (verdict.twoLive) console.warn(`billing: organization ${organization.id} has two live subscriptions (${current!.stripeSubscriptionId}, ${snap.id}); following the newer`);
  const data = subscriptionRow(snap, effect.observedAt, verdict.replacesAnother);
  const row = await tx.billingSubscription.upsert({ where: { organizationId: organization.id }, create: { organizationId: organization.id, ...data }, update: data, select: { id: true } });
  await tx.organization.update({ where: { id: organization.id }, data: organizationChanges(organization, snap, effect.organization) });
  const audit = subscriptionAudit(current, organization, snap);
  if (audit) await billingAudit(tx, organization.id, source, { action: "billing.subscription_sync", resourceId: row.id, ...audit });
  return `applied ${snap.id} (${snap.status}) to organization ${organization.id}`;
}

async function applyStripePayment(tx: SystemTx, subscriptionId: string, payment: { failed: boolean; at: Date; invoiceUrl: string | null }, source: BillingSource): Promise<string> {
  const row = await tx.billingSubscription.findFirst({ where: { stripeSubscriptionId: subscriptionId }, select: { id: true, organizationId: true, paymentEventAt: true } });
  if (!row) return `ignored: no organization has subscription ${subscriptionId}`;
  const verdict = paymentVerdict(row.paymentEventAt, payment.at);
  if ("skip" in verdict) return verdict.skip;
  await tx.billingSubscription.update({
    where: { id: row.id },
    data: { lastPaymentFailedAt: payment.failed ? payment.at : null, lastInvoiceUrl: payment.invoiceUrl, paymentEventAt: payment.at },
  });
  await billingAudit(tx, row.organizationId, source, { action: payment.failed ? "billing.payment_failed" : "billing.payment_succeeded", resourceId: row.id, newValues: { invoiceUrl: payment.invoiceUrl } });
  return payment.failed ? "payment failure recorded" : "payment recorded";
}

async function applyBillingEffect(tx: SystemTx, effect: BillingEffect, source: BillingSource): Promise<string> {
  switch (effect.kind) {
    case "link_customer": return linkStripeCustomer(tx, effect.organizationId, effect.customerId);
    case "subscription": return applyStripeSubscription(tx, effect, source);
    case "payment": return applyStripePayment(tx, effect.subscriptionId, effect, source);
    case "ignore": return `ignored: ${effect.reason}`;
  }
}

/** How long a claim on an event protects it: a delivery still holding one after this has died. */
const CLAIM_LEASE_SECONDS = 120;
/** How long a duplicate delivery waits for the one processing the event before asking Stripe to retry. */
const CLAIM_WAIT_MS = 25_000;
const CLAIM_POLL_MS = 100;

class ClaimLost extends Error {}

/**
 * Claims an event for this delivery, committed at once (so no transaction stays open while
 * Stripe is asked): the event's row, 'processing', dated by the claim. Null when the event has
 * already been processed. A delivery that finds another one processing it waits for its outcome;
 * one that finds a claim older than the lease takes it over; one that finds the row gone (the
 * other failed and let go) claims it afresh.
 */
async function claimStripeEvent(event: { id: string; type: string; created: Date }): Promise<Date | null> {
  const deadline = Date.now() + CLAIM_WAIT_MS;
  for (;;) {
    const claimedAt = new Date();
    const inserted = await systemDb().$executeRaw`
      INSERT INTO stripe_events (event_id, type, stripe_created_at, claimed_at) VALUES (${event.id}, ${event.type}, ${event.created}, ${claimedAt})
      ON CONFLICT (event_id) DO NOTHING`;
    if (inserted) return claimedAt;
    const takenOver = await systemDb().$executeRaw`
      UPDATE stripe_events SET claimed_at = ${claimedAt}
      WHERE event_id = ${event.id} AND outcome = 'processing' AND (claimed_at IS NULL OR claimed_at < ${claimedAt}::timestamptz - make_interval(secs => ${CLAIM_LEASE_SECONDS}))`;
    if (takenOver) return claimedAt;
    const row = await systemDb().stripeEvent.findUnique({ where: { eventId: event.id }, select: { outcome: true } });
    if (row && row.outcome !== "processing") return null;
    if (Date.now() > deadline) throw new Error(`Stripe event ${event.id} is still being processed by another delivery`);
    if (row) await new Promise((resolve) => setTimeout(resolve, CLAIM_POLL_MS));
  }
}

/** Lets go of a claim after a failure, so that Stripe's retry processes the event afresh. */
function releaseStripeEvent(eventId: string, claimedAt: Date) {
  return systemDb().stripeEvent.deleteMany({ where: { eventId, outcome: "processing", claimedAt } });
}

/**
 * Processes a verified Stripe webhook event exactly once: claimed first in a committed row (a
 * second delivery, even one arriving at the same moment, waits for the first's outcome and does
 * nothing); then `resolve` reads Stripe's current state with no transaction open; then one
 * transaction applies the effects and records the outcome, if the claim is still this
 * delivery's. A failure lets go of the claim, so Stripe's retry runs the event again. Reads
 * need no lock across them: every state carries when it was read, a state read earlier than
 * the stored one is skipped, and the delivery of the latest change reads after it.
 */
export async function processStripeEventOnce(
  event: { id: string; type: string; created: Date },
  subscriptionId: string | null,
  resolve: () => Promise<BillingEffect[]>,
): Promise<{ duplicate: boolean; outcome: string }> {
  const claimedAt = await claimStripeEvent(event);
  if (!claimedAt) return { duplicate: true, outcome: "duplicate" };
  try {
    const effects = await resolve();
    return await systemDb().$transaction(async (tx) => {
      // Still ours (not taken over after the lease): held until commit, so it cannot be taken now.
      const mine = await tx.$queryRaw<unknown[]>`
        SELECT 1 FROM stripe_events WHERE event_id = ${event.id} AND outcome = 'processing' AND claimed_at = ${claimedAt} FOR UPDATE`;
      if (!mine.length) throw new ClaimLost();
      if (subscriptionId) await lockStripeSubscription(tx, subscriptionId);
      const source: BillingSource = { kind: "webhook", eventId: event.id, eventType: event.type };
      const outcomes: string[] = [];
      for (const effect of effects) outcomes.push(await applyBillingEffect(tx, effect, source));
      const outcome = (outcomes.join("; ") || "ignored").slice(0, 500);
      await tx.stripeEvent.update({ where: { eventId: event.id }, data: { outcome } });
      return { duplicate: false, outcome };
    }, { maxWait: 10_000, timeout: 45_000 });
  } catch (error) {
    // Another delivery took the event over (this one outlived the lease): it is that one's now.
    if (error instanceof ClaimLost) return { duplicate: true, outcome: "duplicate" };
    await releaseStripeEvent(event.id, claimedAt).catch((release) => console.error(`stripe event ${event.id}: could not let go of the claim:`, release instanceof Error ? release.message : release));
    throw error;
  }
}

/** Applies the subscription a billing action got back from Stripe (plan change, cancel, seats). */
export async function recordStripeSubscription(effect: SubscriptionEffect, actor: { userId: string | null; action: string }): Promise<string> {
  return systemDb().$transaction(async (tx) => {
    await lockStripeSubscription(tx, effect.snapshot.id);
    return applyStripeSubscription(tx, effect, { kind: "app", ...actor });
  });
}

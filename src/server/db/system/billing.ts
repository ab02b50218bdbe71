// Stripe's state applied to organizations: webhooks (exactly once) and the app's own billing actions.
import "server-only";
import type { BillingEffect, SubscriptionEffect } from "@/server/billing/subscription";
import { customerLinkVerdict, organizationChanges, organizationForSubscription, paymentVerdict, subscriptionAudit, subscriptionRow, subscriptionVerdict } from "@/server/billing/subscription-rules";
import { systemDb } from "../client";
import type { SystemTx } from "./shared";

type BillingSource = { kind: "webhook"; eventId: string; eventType: string } | { kind: "app"; userId: string | null; action: string };

/** Serializes everything that reads and applies one Stripe subscription's state (released at commit). */
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

/**
 * Processes a verified Stripe webhook event exactly once. Its id is inserted first, in the same
 * transaction as its effect: a second delivery (even one arriving at the same moment, which
 * waits on the first's uncommitted row) finds it and does nothing, and an effect that fails
 * rolls the id back so Stripe's retry runs it again. `resolve` reads Stripe's current state
 * (no database) while the subscription's lock is held, so the newest read is applied last.
 */
export async function processStripeEventOnce(
  event: { id: string; type: string; created: Date },
  subscriptionId: string | null,
  resolve: () => Promise<BillingEffect[]>,
): Promise<{ duplicate: boolean; outcome: string }> {
  return systemDb().$transaction(async (tx) => {
    const inserted = await tx.$queryRaw<{ event_id: string }[]>`
      INSERT INTO stripe_events (event_id, type, stripe_created_at) VALUES (${event.id}, ${event.type}, ${event.created})
      ON CONFLICT (event_id) DO NOTHING RETURNING event_id`;
    if (!inserted.length) return { duplicate: true, outcome: "duplicate" };
    if (subscriptionId) await lockStripeSubscription(tx, subscriptionId);
    const source: BillingSource = { kind: "webhook", eventId: event.id, eventType: event.type };
    const outcomes: string[] = [];
    for (const effect of await resolve()) outcomes.push(await applyBillingEffect(tx, effect, source));
    const outcome = (outcomes.join("; ") || "ignored").slice(0, 500);
    await tx.stripeEvent.update({ where: { eventId: event.id }, data: { outcome } });
    return { duplicate: false, outcome };
  }, { maxWait: 10_000, timeout: 45_000 });
}

/** Applies the subscription a billing action got back from Stripe (plan change, cancel, seats). */
export async function recordStripeSubscription(effect: SubscriptionEffect, actor: { userId: string | null; action: string }): Promise<string> {
  return systemDb().$transaction(async (tx) => {
    await lockStripeSubscription(tx, effect.snapshot.id);
    return applyStripeSubscription(tx, effect, { kind: "app", ...actor });
  });
}

// Stripe's state applied to organizations: webhooks (exactly once) and the app's own billing actions.
import "server-only";
import { type BillingEffect, LIVE_STATUSES, type SubscriptionEffect } from "@/server/billing/subscription";
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
  if (!organization) return "ignored: no such organization";
  if (organization.stripeCustomerId === customerId) return "customer already linked";
  if (organization.stripeCustomerId) return "ignored: the organization has another Stripe customer";
  const other = await tx.organization.findUnique({ where: { stripeCustomerId: customerId }, select: { id: true } });
  if (other) return "ignored: the customer belongs to another organization";
  await tx.organization.update({ where: { id: organizationId }, data: { stripeCustomerId: customerId } });
  return "customer linked";
}

/**
 * Applies a subscription as Stripe reported it: the billing_subscriptions row and the
 * organization's tier, status, expiry and limits. A state read earlier than the one stored is
 * stale and skipped; another subscription never displaces a live one with a dead one.
 */
async function applyStripeSubscription(tx: SystemTx, effect: SubscriptionEffect, source: BillingSource): Promise<string> {
  const snap = effect.snapshot;
  const select = { id: true, stripeCustomerId: true, subscriptionTier: true, subscriptionStatus: true, subscriptionExpiresAt: true, maxUsers: true } as const;
  let organization = effect.organizationHint ? await tx.organization.findUnique({ where: { id: effect.organizationHint }, select }) : null;
  if (organization?.stripeCustomerId && organization.stripeCustomerId !== snap.customerId) organization = null;
  organization ??= await tx.organization.findUnique({ where: { stripeCustomerId: snap.customerId }, select });
  if (!organization) return `ignored: no organization for customer ${snap.customerId}`;
  if (!organization.stripeCustomerId && (await tx.organization.findUnique({ where: { stripeCustomerId: snap.customerId }, select: { id: true } }))) {
    return "ignored: the customer belongs to another organization";
  }
  // The same lock seat changes take: the organization's limits change under it.
  await tx.$queryRaw`SELECT id FROM organizations WHERE id = ${organization.id}::uuid FOR UPDATE`;
  const current = await tx.billingSubscription.findUnique({ where: { organizationId: organization.id } });
  const live = (status: string) => (LIVE_STATUSES as readonly string[]).includes(status);
  if (current?.stripeSubscriptionId === snap.id && current.syncedAt > effect.observedAt) return `stale: a newer state of ${snap.id} is applied`;
  if (current && current.stripeSubscriptionId !== snap.id && live(current.status)) {
    if (!live(snap.status)) return `ignored: ${snap.id} is not the organization's current subscription`;
    console.warn(`billing: organization ${organization.id} has two live subscriptions (${current.stripeSubscriptionId}, ${snap.id}); following the newer`);
  }
  const data = {
    stripeSubscriptionId: snap.id, stripeCustomerId: snap.customerId, stripePriceId: snap.priceId, stripeItemId: snap.itemId,
    tier: snap.tier, billingInterval: snap.interval, status: snap.status, quantity: snap.quantity,
    currentPeriodStart: snap.currentPeriodStart, currentPeriodEnd: snap.currentPeriodEnd, cancelAtPeriodEnd: snap.cancelAtPeriodEnd,
    cancelAt: snap.cancelAt, canceledAt: snap.canceledAt, endedAt: snap.endedAt, trialEnd: snap.trialEnd, syncedAt: effect.observedAt,
    ...(current && current.stripeSubscriptionId !== snap.id ? { lastPaymentFailedAt: null, lastInvoiceUrl: null, paymentEventAt: null } : {}),
  };
  const row = await tx.billingSubscription.upsert({ where: { organizationId: organization.id }, create: { organizationId: organization.id, ...data }, update: data, select: { id: true } });
  // An ended subscription never pulls back an organization that has since moved on to Free.
  const movedOn = !live(snap.status) && organization.subscriptionTier === "free" && organization.subscriptionStatus === "active";
  const state = movedOn ? null : effect.organization;
  await tx.organization.update({
    where: { id: organization.id },
    data: { ...(organization.stripeCustomerId ? {} : { stripeCustomerId: snap.customerId }), ...(state ?? {}) },
  });
  const before = { tier: current?.tier ?? organization.subscriptionTier, status: current?.status ?? organization.subscriptionStatus, quantity: current?.quantity, cancelAtPeriodEnd: current?.cancelAtPeriodEnd, currentPeriodEnd: current?.currentPeriodEnd };
  const after = { tier: snap.tier, status: snap.status, quantity: snap.quantity, cancelAtPeriodEnd: snap.cancelAtPeriodEnd, currentPeriodEnd: snap.currentPeriodEnd };
  if (JSON.stringify(before) !== JSON.stringify(after) || current?.stripeSubscriptionId !== snap.id) {
    await billingAudit(tx, organization.id, source, { action: "billing.subscription_sync", resourceId: row.id, oldValues: before, newValues: { ...after, subscription: snap.id, interval: snap.interval } });
  }
  return `applied ${snap.id} (${snap.status}) to organization ${organization.id}`;
}

async function applyStripePayment(tx: SystemTx, subscriptionId: string, payment: { failed: boolean; at: Date; invoiceUrl: string | null }, source: BillingSource): Promise<string> {
  const row = await tx.billingSubscription.findFirst({ where: { stripeSubscriptionId: subscriptionId }, select: { id: true, organizationId: true, paymentEventAt: true } });
  if (!row) return `ignored: no organization has subscription ${subscriptionId}`;
  if (row.paymentEventAt && row.paymentEventAt > payment.at) return "stale: a later invoice outcome is recorded";
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

// From a Stripe subscription to what Parley keeps: a plain snapshot (billing_subscriptions) and
// the organization's plan columns it implies (tier, status, expiry, limits, features). Pure:
// no database, no network, so the mapping is unit-tested on its own.
import type Stripe from "stripe";
import { type BillingInterval, type Plan, type SubscriptionTier, getPlan, planColumns, planForStripePrice, planIdSchema } from "@/features/billing/plans";

/** Stripe's subscription statuses, as the database's subscription_status enum spells them. */
export const SUBSCRIPTION_STATUSES = ["trialing", "active", "past_due", "canceled", "incomplete", "incomplete_expired", "unpaid", "paused"] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];
const isKnownStatus = (status: string): status is SubscriptionStatus => (SUBSCRIPTION_STATUSES as readonly string[]).includes(status);

export interface SubscriptionSnapshot {
  id: string;
  customerId: string;
  status: SubscriptionStatus;
  priceId: string | null;
  itemId: string | null;
  quantity: number;
  tier: SubscriptionTier;
  interval: BillingInterval;
  currentPeriodStart: Date | null;
  currentPeriodEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  cancelAt: Date | null;
  canceledAt: Date | null;
  endedAt: Date | null;
  trialEnd: Date | null;
  /** The organization our Checkout named in the subscription's metadata, if any. */
  organizationId: string | null;
}

/** What the organization row becomes; null leaves it as it is (a payment not yet made). */
export interface OrganizationBillingState {
  subscriptionTier: SubscriptionTier;
  subscriptionStatus: SubscriptionStatus;
  subscriptionExpiresAt: Date | null;
  maxUsers: number;
  maxLeadsPerMonth: number;
  maxAiCallsPerMonth: number;
  features: Record<string, boolean>;
}

/** Statuses in which the subscription is the organization's plan (paid for, or being dunned). */
export const LIVE_STATUSES: readonly SubscriptionStatus[] = ["active", "trialing", "past_due", "unpaid", "paused"];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const date = (seconds: number | null | undefined) => (typeof seconds === "number" && seconds > 0 ? new Date(seconds * 1000) : null);
const idOf = (value: string | { id: string } | null | undefined) => (typeof value === "string" ? value : (value?.id ?? null));

/** The subscription's plan: by its price id (configured in the environment), else by our metadata. */
function planOf(sub: Stripe.Subscription, priceId: string | null, recurring: string | null): { plan: Plan; interval: BillingInterval } | null {
  const byPrice = planForStripePrice(priceId);
  if (byPrice) return byPrice;
  const named = planIdSchema.safeParse(sub.metadata?.plan);
  if (!named.success || named.data === "free") return null;
  return { plan: getPlan(named.data), interval: recurring === "year" || sub.metadata?.interval === "year" ? "year" : "month" };
}

/** Null when the subscription is not one of Parley's plans (an unknown price). */
export function snapshotFromStripe(sub: Stripe.Subscription): SubscriptionSnapshot | null {
  const item = sub.items?.data?.[0];
  const priceId = item?.price?.id ?? null;
  const planned = planOf(sub, priceId, item?.price?.recurring?.interval ?? null);
  const customerId = idOf(sub.customer);
  if (!planned || !customerId || !isKnownStatus(sub.status)) return null;
  const organizationId = sub.metadata?.organization_id && UUID.test(sub.metadata.organization_id) ? sub.metadata.organization_id : null;
  return {
    id: sub.id,
    customerId,
    status: sub.status,
    priceId,
    itemId: item?.id ?? null,
    quantity: item?.quantity ?? 1,
    tier: planned.plan.tier,
    interval: planned.interval,
    currentPeriodStart: date(item?.current_period_start),
    currentPeriodEnd: date(item?.current_period_end),
    cancelAtPeriodEnd: !!sub.cancel_at_period_end,
    cancelAt: date(sub.cancel_at),
    canceledAt: date(sub.canceled_at),
    endedAt: date(sub.ended_at),
    trialEnd: date(sub.trial_end),
    organizationId,
  };
}

/**
 * The organization's plan columns for this subscription. A subscription whose first payment
 * has not gone through (incomplete, incomplete_expired) changes nothing: the organization
 * keeps the plan it had.
 */
export function organizationStateFor(snapshot: SubscriptionSnapshot, now = new Date()): OrganizationBillingState | null {
  if (snapshot.status === "incomplete" || snapshot.status === "incomplete_expired") return null;
  const { subscriptionTier, ...limits } = planColumns(planForTierOf(snapshot));
  let expiresAt: Date | null;
  if (snapshot.status === "canceled") expiresAt = snapshot.endedAt ?? snapshot.canceledAt ?? now;
  else if (snapshot.cancelAtPeriodEnd || snapshot.cancelAt) expiresAt = snapshot.cancelAt ?? snapshot.currentPeriodEnd;
  else expiresAt = snapshot.status === "trialing" ? (snapshot.trialEnd ?? snapshot.currentPeriodEnd) : snapshot.currentPeriodEnd;
  return { subscriptionTier, subscriptionStatus: snapshot.status, subscriptionExpiresAt: expiresAt, ...limits };
}

function planForTierOf(snapshot: SubscriptionSnapshot): Plan {
  return getPlan(snapshot.tier === "professional" ? "pro" : snapshot.tier);
}

/** The subscription a webhook event is about, if any (checkout sessions, subscriptions, invoices). */
export function subscriptionIdOfEvent(event: Stripe.Event): string | null {
  const object = event.data.object as unknown as Record<string, unknown>;
  switch (event.type) {
    case "checkout.session.completed":
      return idOf(object.subscription as string | { id: string } | null);
    case "customer.subscription.created":
    case "customer.subscription.updated":
    case "customer.subscription.deleted":
      return typeof object.id === "string" ? object.id : null;
    case "invoice.paid":
    case "invoice.payment_failed": {
      // Since API version 2025-03-31 the invoice names its subscription under parent.
      const parent = object.parent as { subscription_details?: { subscription?: string | { id: string } } | null } | null | undefined;
      return idOf(parent?.subscription_details?.subscription ?? (object.subscription as string | { id: string } | null | undefined));
    }
    default:
      return null;
  }
}

// ------------------------------------------------------------------ effects

/** What Stripe's state means for Parley, applied by src/server/db/system/ in one transaction. */
export interface SubscriptionEffect {
  kind: "subscription";
  snapshot: SubscriptionSnapshot;
  organization: OrganizationBillingState | null;
  /** When this state was read from Stripe: an older read never overwrites a newer one. */
  observedAt: Date;
  /** The organization Checkout named (client_reference_id or metadata), checked against the customer. */
  organizationHint: string | null;
}

export type BillingEffect =
  | SubscriptionEffect
  | { kind: "link_customer"; organizationId: string; customerId: string }
  | { kind: "payment"; subscriptionId: string; failed: boolean; at: Date; invoiceUrl: string | null }
  | { kind: "ignore"; reason: string };

export function subscriptionEffect(snapshot: SubscriptionSnapshot, observedAt: Date, organizationHint: string | null = null): SubscriptionEffect {
  return { kind: "subscription", snapshot, organization: organizationStateFor(snapshot, observedAt), observedAt, organizationHint: organizationHint ?? snapshot.organizationId };
}

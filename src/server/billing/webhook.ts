// Stripe webhooks: the signature is checked on the raw body; each event is processed once
// (src/server/db/system/, processStripeEventOnce); subscription events apply the
// subscription as Stripe has it now (fetched again, so events arriving out of order cannot
// put an older state back), falling back to the event's own copy, dated by the event, only
// when Stripe no longer has it.
import Stripe from "stripe";
import { processStripeEventOnce } from "@/server/db/system/billing";
import { WEBHOOK_TOLERANCE_SECONDS, billingEnabled, stripe, webhookSecret } from "./config";
import { type BillingEffect, snapshotFromStripe, subscriptionEffect, subscriptionIdOfEvent } from "./subscription";

export interface WebhookResponse {
  status: number;
  body: Record<string, unknown>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HANDLED = new Set([
  "checkout.session.completed",
  "customer.subscription.created", "customer.subscription.updated", "customer.subscription.deleted",
  "invoice.paid", "invoice.payment_failed",
]);

const ignore = (reason: string): BillingEffect => ({ kind: "ignore", reason });
const idOf = (value: unknown): string | null =>
  typeof value === "string" ? value : value && typeof value === "object" && typeof (value as { id?: unknown }).id === "string" ? (value as { id: string }).id : null;

/** The subscription as Stripe has it now; the event's copy if Stripe no longer does. */
async function currentSubscription(id: string, organizationHint: string | null, eventCopy: Stripe.Subscription | null, eventAt: Date): Promise<BillingEffect> {
  const observedAt = new Date();
  let subscription: Stripe.Subscription;
  let at = observedAt;
  try {
    subscription = await stripe().subscriptions.retrieve(id);
  } catch (error) {
    if (!(error instanceof Stripe.errors.StripeInvalidRequestError && error.statusCode === 404)) throw error;
    if (!eventCopy) return ignore(`subscription ${id} does not exist in Stripe`);
    subscription = eventCopy;
    at = eventAt;
  }
  const snapshot = snapshotFromStripe(subscription);
  if (!snapshot) return ignore(`subscription ${id} is not on one of Parley's prices`);
  return subscriptionEffect(snapshot, at, organizationHint);
}

async function effectsOf(event: Stripe.Event, subscriptionId: string | null): Promise<BillingEffect[]> {
  const object = event.data.object as unknown as Record<string, unknown>;
  const eventAt = new Date(event.created * 1000);
  switch (event.type) {
    case "checkout.session.completed": {
      if (object.mode !== "subscription") return [ignore("not a subscription checkout")];
      const hint = [object.client_reference_id, (object.metadata as Record<string, unknown> | null)?.organization_id].find((v): v is string => typeof v === "string" && UUID.test(v)) ?? null;
      const customerId = idOf(object.customer);
      const effects: BillingEffect[] = [];
      if (hint && customerId) effects.push({ kind: "link_customer", organizationId: hint, customerId });
      effects.push(subscriptionId ? await currentSubscription(subscriptionId, hint, null, eventAt) : ignore("the session has no subscription"));
      return effects;
    }
    case "customer.subscription.created":
    case "customer.subscription.updated":
    case "customer.subscription.deleted":
      if (!subscriptionId) return [ignore("no subscription id")];
      return [await currentSubscription(subscriptionId, null, event.data.object as Stripe.Subscription, eventAt)];
    case "invoice.paid":
    case "invoice.payment_failed": {
      if (!subscriptionId) return [ignore("the invoice is not for a subscription")];
      const invoiceUrl = typeof object.hosted_invoice_url === "string" ? object.hosted_invoice_url.slice(0, 2048) : null;
      return [
        await currentSubscription(subscriptionId, null, null, eventAt),
        { kind: "payment", subscriptionId, failed: event.type === "invoice.payment_failed", at: eventAt, invoiceUrl },
      ];
    }
    default:
      return [ignore(`${event.type} is not an event Parley acts on`)];
  }
}

function looksLikeEvent(event: unknown): event is Stripe.Event {
  const e = event as Partial<Stripe.Event> | null;
  return !!e && typeof e.id === "string" && e.id.length > 0 && e.id.length <= 255 && typeof e.type === "string" && e.type.length <= 100
    && typeof e.created === "number" && Number.isFinite(e.created) && !!e.data && typeof e.data.object === "object" && e.data.object !== null;
}

export async function handleStripeWebhook(rawBody: Buffer, signature: string | null): Promise<WebhookResponse> {
  if (!billingEnabled()) return { status: 404, body: { error: "Billing is off on this server" } };
  const secret = webhookSecret();
  if (!secret) {
    console.error("stripe webhook: STRIPE_WEBHOOK_SECRET is not set; refusing events");
    return { status: 503, body: { error: "Webhooks are not configured" } };
  }
  if (!signature) return { status: 400, body: { error: "Missing Stripe-Signature header" } };
  let event: Stripe.Event;
  try {
    event = stripe().webhooks.constructEvent(rawBody, signature, secret, WEBHOOK_TOLERANCE_SECONDS);
  } catch {
    return { status: 400, body: { error: "Invalid or expired signature" } };
  }
  if (!looksLikeEvent(event)) return { status: 400, body: { error: "Not a Stripe event" } };
  const subscriptionId = HANDLED.has(event.type) ? subscriptionIdOfEvent(event) : null;
  try {
    const result = await processStripeEventOnce(
      { id: event.id, type: event.type, created: new Date(event.created * 1000) },
      subscriptionId,
      () => (HANDLED.has(event.type) ? effectsOf(event, subscriptionId) : Promise.resolve([ignore(`${event.type} is not an event Parley acts on`)])),
    );
    return { status: 200, body: { received: true, duplicate: result.duplicate, outcome: result.outcome } };
  } catch (error) {
    // Nothing was recorded: Stripe retries the event later.
    console.error(`stripe webhook ${event.id} (${event.type}) failed:`, error instanceof Error ? error.message : error);
    const unreachable = error instanceof Stripe.errors.StripeConnectionError || error instanceof Stripe.errors.StripeAPIError || error instanceof Stripe.errors.StripeRateLimitError;
    return { status: 503, body: { error: unreachable ? "Stripe could not be reached; retry later" : "The event could not be processed now; retry later" } };
  }
}

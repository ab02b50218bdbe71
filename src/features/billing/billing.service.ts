// The billing page's work: the plan, its usage and Stripe's hosted pages (Checkout for a new
// subscription, the Customer Portal for cards and invoices), plan changes, cancel and resume.
// Stripe's answer to a change is applied at once (through src/server/db/system/, the same code the
// webhook runs), so the page shows it without waiting for the webhook; the webhook stays the
// source of truth. Every outgoing call carries an idempotency key. The mutations that call
// Stripe take the step runner (orgPhasedProcedure's `inOrg`), not one transaction: they read in
// one step, call Stripe with no transaction open, and write and audit in a last step, so a slow
// Stripe never holds a transaction or a pooled connection.
import { createHash } from "node:crypto";
import Stripe from "stripe";
import { uuidv7 } from "@/lib/ids";
import { AppError } from "@/server/api/errors";
import type { InOrg, OrgScope } from "@/server/api/scope";
import { appBaseUrl, billingEnabled, stripe } from "@/server/billing/config";
import { LIVE_STATUSES, snapshotFromStripe, subscriptionEffect } from "@/server/billing/subscription";
import { findLiveStripeSubscription } from "@/server/db/system/organization-lifecycle";
import { recordStripeSubscription } from "@/server/db/system/billing";
import { billingPath, readOnlyMessage, readOnlyReason } from "./access";
import type { PlanChoice } from "./billing.schema";
import { FREE_PLAN, INTERVALS, PLANS, type PlanId, getPlan, planColumns, planForTier, planRank, stripePriceId } from "./plans";
import { syncSeatQuantity } from "./seat-sync";
import { monthlyUsage } from "./usage";

const isLive = (status: string) => (LIVE_STATUSES as readonly string[]).includes(status);

function requireBilling() {
  if (!billingEnabled()) throw new AppError("PRECONDITION_FAILED", "Billing is off: this Parley server is self-hosted, with no plans or limits to pay for.");
}

/** Stripe's failures as errors a person can act on; nothing was changed when Stripe refused. */
function stripeFailure(error: unknown): never {
  if (error instanceof Stripe.errors.StripeConnectionError || error instanceof Stripe.errors.StripeAPIError || error instanceof Stripe.errors.StripeRateLimitError) {
    console.error("stripe:", error.message);
    throw new AppError("SERVICE_UNAVAILABLE", "Stripe could not be reached, so nothing was changed. Try again in a minute.");
  }
  if (error instanceof Stripe.errors.StripeError) {
    console.error("stripe refused:", error.message);
    throw new AppError("PRECONDITION_FAILED", `Stripe refused the request: ${error.message}`);
  }
  throw error;
}

const callStripe = <T>(call: () => Promise<T>): Promise<T> => call().catch(stripeFailure);

async function loadOrganization(scope: OrgScope) {
  const org = await scope.tx.organization.findUnique({
    where: { id: scope.orgId },
    select: {
      id: true, name: true, slug: true, billingEmail: true, stripeCustomerId: true, subscriptionTier: true, subscriptionStatus: true,
      subscriptionExpiresAt: true, maxUsers: true, maxLeadsPerMonth: true, maxAiCallsPerMonth: true,
    },
  });
  if (!org) throw new AppError("NOT_FOUND", "Organization not found");
  return org;
}

const loadSubscription = (scope: OrgScope) => scope.tx.billingSubscription.findUnique({ where: { organizationId: scope.orgId } });
const activeSeats = (scope: OrgScope) => scope.tx.membership.count({ where: { status: "active" } });

/** Which plans and intervals have a Stripe price configured on this server. */
function configuredPrices() {
  return Object.fromEntries(PLANS.map((p) => [p.id, Object.fromEntries(INTERVALS.map((i) => [i, p.id === "free" || !!stripePriceId(p, i)]))])) as Record<PlanId, Record<(typeof INTERVALS)[number], boolean>>;
}

export async function billingOverview(scope: OrgScope) {
  const enabled = billingEnabled();
  const org = await loadOrganization(scope);
  const subscription = await loadSubscription(scope);
  const seats = await activeSeats(scope);
  const [leads, aiCalls] = [await monthlyUsage(scope, "leads"), await monthlyUsage(scope, "ai_calls")];
  const plan = planForTier(org.subscriptionTier);
  const reason = readOnlyReason({ status: org.subscriptionStatus, expiresAt: org.subscriptionExpiresAt }, enabled);
  const limit = (value: number) => (enabled ? value : null);
  return {
    enabled,
    orgSlug: org.slug,
    plan: { id: plan.id, name: plan.name },
    status: org.subscriptionStatus,
    expiresAt: org.subscriptionExpiresAt,
    readOnly: reason ? { reason, message: readOnlyMessage(reason, org.slug) } : null,
    hasCustomer: !!org.stripeCustomerId,
    subscription: subscription
      ? {
          live: isLive(subscription.status),
          status: subscription.status,
          planId: planForTier(subscription.tier).id,
          interval: subscription.billingInterval,
          quantity: subscription.quantity,
          currentPeriodEnd: subscription.currentPeriodEnd,
          cancelAtPeriodEnd: subscription.cancelAtPeriodEnd,
          cancelAt: subscription.cancelAt,
          endedAt: subscription.endedAt,
          lastPaymentFailedAt: subscription.lastPaymentFailedAt,
          lastInvoiceUrl: subscription.lastInvoiceUrl,
        }
      : null,
    usage: {
      seats: { used: seats, limit: limit(org.maxUsers) },
      leads: { used: leads, limit: limit(org.maxLeadsPerMonth) },
      aiCalls: { used: aiCalls, limit: limit(org.maxAiCallsPerMonth) },
    },
    prices: configuredPrices(),
  };
}

function priceFor(choice: PlanChoice): string {
  const plan = getPlan(choice.plan);
  const price = stripePriceId(plan, choice.interval);
  if (!price) {
    throw new AppError("PRECONDITION_FAILED", `${plan.name} billed ${choice.interval === "year" ? "yearly" : "monthly"} is not offered on this server (${plan.stripePriceEnv?.[choice.interval]} is not set).`, "plan");
  }
  return price;
}

function assertSeatsFit(planId: PlanId, seats: number) {
  const plan = getPlan(planId);
  if (seats > plan.limits.maxUsers) {
    throw new AppError("PRECONDITION_FAILED", `The ${plan.name} plan allows ${plan.limits.maxUsers} users and this organization has ${seats} active members. Deactivate members first, or choose a larger plan.`, "plan");
  }
}

type LoadedOrganization = Awaited<ReturnType<typeof loadOrganization>>;

/**
 * The organization's Stripe customer, created once (the idempotency key is the organization),
 * and linked in a step of its own. A concurrent request may have linked it meanwhile (Stripe
 * answered both with the same customer): the one stored first stays.
 */
async function ensureCustomer(inOrg: InOrg, org: LoadedOrganization, email: string | null): Promise<string> {
  if (org.stripeCustomerId) return org.stripeCustomerId;
  const customer = await callStripe(() =>
    stripe().customers.create(
      { name: org.name, email: org.billingEmail ?? email ?? undefined, metadata: { organization_id: org.id, organization_slug: org.slug } },
      { idempotencyKey: `parley-customer-${org.id}` },
    ),
  );
  return inOrg(async (scope) => {
    const linked = await scope.tx.organization.updateMany({ where: { id: org.id, stripeCustomerId: null }, data: { stripeCustomerId: customer.id } });
    if (!linked.count) return (await loadOrganization(scope)).stripeCustomerId ?? customer.id;
    await scope.audit({ action: "billing.customer_create", resourceType: "organization", resourceId: org.id, newValues: { customer: customer.id } });
    return customer.id;
  });
}

/** A Stripe Checkout session for a new subscription; the page sends the browser to its url. */
export async function startCheckout(inOrg: InOrg, choice: PlanChoice): Promise<{ url: string }> {
  requireBilling();
  const price = priceFor(choice);
  const { org, seats, email } = await inOrg(async (scope) => {
    const org = await loadOrganization(scope);
    const current = await loadSubscription(scope);
    if (current && isLive(current.status)) throw new AppError("CONFLICT", "This organization already has a subscription: change its plan instead.", "plan");
    const seats = Math.max(1, await activeSeats(scope));
    assertSeatsFit(choice.plan, seats);
    const me = org.stripeCustomerId ? null : await scope.tx.user.findUnique({ where: { id: scope.userId }, select: { email: true } });
    return { org, seats, email: me?.email ?? null };
  });
  const customer = await ensureCustomer(inOrg, org, email);
  const back = `${appBaseUrl()}${billingPath(org.slug)}`;
  const params = {
    mode: "subscription" as const,
    customer,
    client_reference_id: org.id,
    line_items: [{ price, quantity: seats }],
    subscription_data: { metadata: { organization_id: org.id, plan: choice.plan, interval: choice.interval } },
    metadata: { organization_id: org.id, plan: choice.plan, interval: choice.interval },
    allow_promotion_codes: true,
    success_url: `${back}?checkout=success&session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: `${back}?checkout=canceled`,
  };
  // The same request within ten minutes (a double click, a second tab) gets the same session.
  const fingerprint = createHash("sha256").update(JSON.stringify(params)).digest("hex").slice(0, 24);
  const session = await callStripe(() =>
    stripe().checkout.sessions.create(params, { idempotencyKey: `parley-checkout-${org.id}-${fingerprint}-${Math.floor(Date.now() / 600_000)}` }),
  );
  if (!session.url) throw new AppError("SERVICE_UNAVAILABLE", "Stripe did not return a checkout page; try again.");
  const url = session.url;
  await inOrg((scope) => scope.audit({ action: "billing.checkout_start", resourceType: "organization", resourceId: org.id, newValues: { ...choice, seats, session: session.id } }));
  return { url };
}

/** Stripe's Customer Portal: payment methods, invoices and billing details. */
export async function openCustomerPortal(inOrg: InOrg): Promise<{ url: string }> {
  requireBilling();
  const org = await inOrg(loadOrganization);
  const customer = org.stripeCustomerId;
  if (!customer) throw new AppError("PRECONDITION_FAILED", "There is no billing account yet: choose a paid plan first.");
  const session = await callStripe(() =>
    stripe().billingPortal.sessions.create(
      { customer, return_url: `${appBaseUrl()}${billingPath(org.slug)}` },
      { idempotencyKey: `parley-portal-${org.id}-${uuidv7()}` },
    ),
  );
  await inOrg((scope) => scope.audit({ action: "billing.portal_open", resourceType: "organization", resourceId: org.id }));
  return { url: session.url };
}

async function liveSubscription(scope: OrgScope) {
  const current = await loadSubscription(scope);
  if (!current || !isLive(current.status)) throw new AppError("PRECONDITION_FAILED", "This organization has no subscription to change: choose a plan to subscribe.");
  return current;
}

/**
 * Applies what Stripe answered, exactly as the webhook would (its own transaction, under the
 * subscription's lock, where a state read earlier than the stored one is skipped), and returns
 * the new state.
 */
async function applyStripeAnswer(orgId: string, userId: string, subscription: Stripe.Subscription, observedAt: Date, action: string) {
  const snapshot = snapshotFromStripe(subscription);
  if (snapshot) await recordStripeSubscription(subscriptionEffect(snapshot, observedAt, orgId), { userId, action });
  return snapshot;
}

/** Moves the subscription to another plan or interval now, with prorations. */
export async function changePlan(inOrg: InOrg, choice: PlanChoice) {
  requireBilling();
  const { current, from, price, seats, orgId, userId } = await inOrg(async (scope) => {
    const current = await liveSubscription(scope);
    const from = planForTier(current.tier);
    if (from.id === choice.plan && current.billingInterval === choice.interval) throw new AppError("BAD_REQUEST", `You are already on ${from.name}, billed ${choice.interval === "year" ? "yearly" : "monthly"}.`, "plan");
    if (current.status !== "active" && current.status !== "trialing") {
      throw new AppError("PRECONDITION_FAILED", "Settle the unpaid invoice first: update the payment method, then change the plan.");
    }
    if (!current.stripeItemId) throw new AppError("PRECONDITION_FAILED", "This subscription cannot be changed here; use Manage billing.");
    const price = priceFor(choice);
    const seats = Math.max(1, await activeSeats(scope));
    assertSeatsFit(choice.plan, seats);
    return { current, from, price, seats, orgId: scope.orgId, userId: scope.userId };
  });
  const observedAt = new Date();
  const updated = await callStripe(() =>
    stripe().subscriptions.update(
      current.stripeSubscriptionId,
      {
        items: [{ id: current.stripeItemId!, price, quantity: seats }],
        proration_behavior: "create_prorations",
        cancel_at_period_end: false,
        metadata: { organization_id: orgId, plan: choice.plan, interval: choice.interval },
      },
      { idempotencyKey: `parley-change-${current.stripeSubscriptionId}-${uuidv7()}` },
    ),
  );
  await applyStripeAnswer(orgId, userId, updated, observedAt, "change_plan");
  const direction = planRank(choice.plan) >= planRank(from.id) ? "upgrade" : "downgrade";
  await inOrg((scope) => scope.audit({
    action: "billing.plan_change", resourceType: "subscription", resourceId: current.id,
    oldValues: { plan: from.id, interval: current.billingInterval }, newValues: { ...choice, seats }, details: { direction },
  }));
  return { plan: choice.plan, interval: choice.interval };
}

async function setCancelAtPeriodEnd(inOrg: InOrg, cancel: boolean) {
  requireBilling();
  const { current, orgId, userId } = await inOrg(async (scope) => {
    const current = await liveSubscription(scope);
    if (current.cancelAtPeriodEnd === cancel) {
      throw new AppError("BAD_REQUEST", cancel ? "The subscription already ends at the end of this period." : "The subscription is not set to end.");
    }
    return { current, orgId: scope.orgId, userId: scope.userId };
  });
  const observedAt = new Date();
  const updated = await callStripe(() =>
    stripe().subscriptions.update(current.stripeSubscriptionId, { cancel_at_period_end: cancel }, { idempotencyKey: `parley-${cancel ? "cancel" : "resume"}-${current.stripeSubscriptionId}-${uuidv7()}` }),
  );
  const snapshot = await applyStripeAnswer(orgId, userId, updated, observedAt, cancel ? "cancel" : "resume");
  const endsAt = snapshot?.cancelAt ?? snapshot?.currentPeriodEnd ?? null;
  await inOrg((scope) => scope.audit({
    action: cancel ? "billing.cancel" : "billing.resume", resourceType: "subscription", resourceId: current.id,
    newValues: { cancelAtPeriodEnd: cancel, endsAt },
  }));
  return { cancelAtPeriodEnd: cancel, endsAt };
}

/** Cancels at the end of the paid period: the plan stays until then, and can be resumed. */
export const cancelAtPeriodEnd = (inOrg: InOrg) => setCancelAtPeriodEnd(inOrg, true);
export const resumeSubscription = (inOrg: InOrg) => setCancelAtPeriodEnd(inOrg, false);

/**
 * After a subscription has ended (read-only), carry on with the Free plan's limits instead of
 * paying. Nothing is deleted; the organization must fit the Free plan's seats.
 */
export async function continueOnFree(scope: OrgScope) {
  requireBilling();
  const org = await loadOrganization(scope);
  const current = await loadSubscription(scope);
  if (current && isLive(current.status)) {
    throw new AppError("PRECONDITION_FAILED", current.status === "active" || current.status === "trialing"
      ? "Cancel the paid plan to move to Free: it stays active until the end of the period you paid for."
      : "Settle the unpaid invoice, or cancel the subscription under Manage billing, before moving to Free.");
  }
  if (org.subscriptionTier === "free" && org.subscriptionStatus === "active") throw new AppError("BAD_REQUEST", "This organization is already on the Free plan.");
  assertSeatsFit("free", await activeSeats(scope));
  await scope.tx.organization.update({
    where: { id: org.id },
    data: { ...planColumns(FREE_PLAN), subscriptionStatus: "active", subscriptionExpiresAt: null },
  });
  await scope.audit({
    action: "billing.continue_on_free", resourceType: "organization", resourceId: org.id,
    oldValues: { tier: org.subscriptionTier, status: org.subscriptionStatus }, newValues: { tier: "free", status: "active" },
  });
  return { plan: "free" as const };
}

/** Brings the billed seats in line with the active members now (after a sync that failed). */
export async function syncSeats(inOrg: InOrg) {
  requireBilling();
  const { current, orgId, userId } = await inOrg(async (scope) => ({ current: await liveSubscription(scope), orgId: scope.orgId, userId: scope.userId }));
  const result = await callStripe(() => syncSeatQuantity(orgId, userId));
  await inOrg((scope) => scope.audit({ action: "billing.seats_sync", resourceType: "subscription", resourceId: current.id, oldValues: { quantity: current.quantity }, newValues: { quantity: result?.quantity ?? current.quantity } }));
  return result;
}

/**
 * Ends an organization's live Stripe subscription at once, before the organization is deleted
 * (else Stripe would keep charging for it). Throws, and so stops the deletion, if Stripe cannot.
 */
export async function cancelSubscriptionForDeletion(organizationId: string): Promise<void> {
  if (!billingEnabled()) return;
  const live = await findLiveStripeSubscription(organizationId);
  if (!live) return;
  await callStripe(() => stripe().subscriptions.cancel(live, {}, { idempotencyKey: `parley-delete-organization-${organizationId}-${live}` }));
}

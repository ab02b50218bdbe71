import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { organizationStateFor, snapshotFromStripe, subscriptionIdOfEvent } from "@/server/billing/subscription";
import { readOnlyMessage, readOnlyReason } from "./access";
import { FREE_PLAN, PLANS, formatCents, getPlan, planColumns, planForStripePrice, planForTier, stripePriceId, yearlySavingPercent } from "./plans";

const env = { STRIPE_PRICE_STARTER_MONTHLY: "price_s_m", STRIPE_PRICE_STARTER_YEARLY: "price_s_y", STRIPE_PRICE_PRO_MONTHLY: " price_p_m " };

describe("plans", () => {
  it("defines Free, Starter, Pro and Enterprise once, with growing limits and Pro stored as professional", () => {
    expect(PLANS.map((p) => [p.name, p.tier])).toEqual([["Free", "free"], ["Starter", "starter"], ["Pro", "professional"], ["Enterprise", "enterprise"]]);
    for (let i = 1; i < PLANS.length; i++) {
      const [a, b] = [PLANS[i - 1]!.limits, PLANS[i]!.limits];
      expect(b.maxUsers).toBeGreaterThan(a.maxUsers);
      expect(b.maxLeadsPerMonth).toBeGreaterThan(a.maxLeadsPerMonth);
      expect(b.maxAiCallsPerMonth).toBeGreaterThan(a.maxAiCallsPerMonth);
      expect(PLANS[i]!.pricePerSeat.year).toBeLessThan(PLANS[i]!.pricePerSeat.month * 12);
    }
    // Free matches the database's defaults for a new organization.
    expect(FREE_PLAN.limits).toEqual({ maxUsers: 5, maxLeadsPerMonth: 500, maxAiCallsPerMonth: 50 });
    expect(planForTier("professional").id).toBe("pro");
    expect(planColumns(getPlan("pro"))).toMatchObject({ subscriptionTier: "professional", maxUsers: 50, features: { custom_roles: true, api_access: true } });
  });

  it("reads Stripe price ids from the environment, both ways", () => {
    expect(stripePriceId(getPlan("starter"), "year", env)).toBe("price_s_y");
    expect(stripePriceId(getPlan("pro"), "month", env)).toBe("price_p_m");
    expect(stripePriceId(getPlan("pro"), "year", env)).toBeNull();
    expect(stripePriceId(FREE_PLAN, "month", env)).toBeNull();
    expect(planForStripePrice("price_p_m", env)).toMatchObject({ plan: { id: "pro" }, interval: "month" });
    expect(planForStripePrice("price_unknown", env)).toBeNull();
  });

  it("formats prices and the yearly saving", () => {
    expect(formatCents(1500)).toBe("$15");
    expect(formatCents(123450)).toBe("$1,234.50");
    expect(yearlySavingPercent(getPlan("starter"))).toBe(20);
    expect(yearlySavingPercent(FREE_PLAN)).toBe(0);
  });
});

describe("read-only", () => {
  const now = new Date("2026-12-01T00:00:00Z");
  it("is read-only when past due, unpaid, paused, or canceled after the period, and only with billing on", () => {
    expect(readOnlyReason({ status: "past_due", expiresAt: null }, true, now)).toBe("past_due");
    expect(readOnlyReason({ status: "unpaid", expiresAt: null }, true, now)).toBe("unpaid");
    expect(readOnlyReason({ status: "canceled", expiresAt: new Date("2026-11-30T00:00:00Z") }, true, now)).toBe("canceled");
    expect(readOnlyReason({ status: "canceled", expiresAt: new Date("2026-12-24T00:00:00Z") }, true, now)).toBeNull();
    expect(readOnlyReason({ status: "active", expiresAt: null }, true, now)).toBeNull();
    expect(readOnlyReason({ status: "past_due", expiresAt: null }, false, now)).toBeNull();
    expect(readOnlyMessage("past_due", "acme")).toMatch(/read-only because its latest payment failed.*\/acme\/settings\/billing/);
  });
});

describe("Stripe subscription mapping", () => {
  const sub = (over: Partial<Stripe.Subscription> & { price?: string; interval?: string } = {}) => ({
    id: "sub_1", object: "subscription", customer: "cus_1", status: "active", cancel_at_period_end: false, cancel_at: null, canceled_at: null,
    ended_at: null, trial_end: null, metadata: { organization_id: "0190a000-0000-7000-8000-000000000001" },
    items: { data: [{ id: "si_1", quantity: 4, price: { id: over.price ?? "price_x", recurring: { interval: over.interval ?? "year" } }, current_period_start: 1_790_000_000, current_period_end: 1_800_000_000 }] },
    ...over,
  }) as unknown as Stripe.Subscription;

  it("maps a subscription on a known price to its plan, seats and period", () => {
    process.env.STRIPE_PRICE_PRO_YEARLY = "price_x";
    try {
      const snap = snapshotFromStripe(sub())!;
      expect(snap).toMatchObject({ id: "sub_1", customerId: "cus_1", tier: "professional", interval: "year", quantity: 4, itemId: "si_1", organizationId: "0190a000-0000-7000-8000-000000000001" });
      expect(snap.currentPeriodEnd).toEqual(new Date(1_800_000_000_000));
      expect(organizationStateFor(snap)).toMatchObject({ subscriptionTier: "professional", subscriptionStatus: "active", subscriptionExpiresAt: new Date(1_800_000_000_000), maxUsers: 50 });
      // Canceling at the period's end: the plan holds until then.
      expect(organizationStateFor({ ...snap, cancelAtPeriodEnd: true, cancelAt: new Date(1_800_000_000_000) })?.subscriptionExpiresAt).toEqual(new Date(1_800_000_000_000));
      // An unpaid first invoice leaves the organization as it was.
      expect(organizationStateFor({ ...snap, status: "incomplete" })).toBeNull();
    } finally {
      delete process.env.STRIPE_PRICE_PRO_YEARLY;
    }
  });

  it("falls back to the plan named in metadata, and ignores foreign prices and statuses", () => {
    expect(snapshotFromStripe(sub({ metadata: { plan: "starter" } } as never))).toMatchObject({ tier: "starter", interval: "year" });
    expect(snapshotFromStripe(sub())).toBeNull();
    expect(snapshotFromStripe(sub({ metadata: { plan: "starter" }, status: "something_new" } as never))).toBeNull();
  });

  it("finds the subscription an event is about", () => {
    const event = (type: string, object: object) => ({ type, data: { object } }) as unknown as Stripe.Event;
    expect(subscriptionIdOfEvent(event("checkout.session.completed", { subscription: "sub_a" }))).toBe("sub_a");
    expect(subscriptionIdOfEvent(event("customer.subscription.deleted", { id: "sub_b" }))).toBe("sub_b");
    expect(subscriptionIdOfEvent(event("invoice.payment_failed", { parent: { subscription_details: { subscription: "sub_c" } } }))).toBe("sub_c");
    expect(subscriptionIdOfEvent(event("invoice.paid", { subscription: { id: "sub_d" } }))).toBe("sub_d");
    expect(subscriptionIdOfEvent(event("charge.succeeded", { id: "ch_1" }))).toBeNull();
  });
});

// The Stripe state rules on their own: tables for each decision, and properties (fast-check)
// for the promises the webhook relies on whatever order Stripe's news arrives in.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SUBSCRIPTION_STATUSES, type SubscriptionSnapshot, organizationStateFor } from "./subscription";
import {
  customerLinkVerdict, isLiveStatus, organizationChanges, organizationForSubscription, paymentVerdict, subscriptionAudit, subscriptionRow, subscriptionVerdict,
} from "./subscription-rules";

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));
const snap = (over: Partial<SubscriptionSnapshot> = {}): SubscriptionSnapshot => ({
  id: "sub_new", customerId: "cus_1", status: "active", priceId: "price_starter_month", itemId: "si_1", quantity: 2, tier: "starter", interval: "month",
  currentPeriodStart: at(0), currentPeriodEnd: at(60), cancelAtPeriodEnd: false, cancelAt: null, canceledAt: null, endedAt: null, trialEnd: null, organizationId: null,
  ...over,
});
const stored = (over: Partial<{ stripeSubscriptionId: string; status: string; syncedAt: Date; tier: string; quantity: number; cancelAtPeriodEnd: boolean; currentPeriodEnd: Date | null }> = {}) => ({
  stripeSubscriptionId: "sub_new", status: "active", syncedAt: at(10), tier: "starter", quantity: 2, cancelAtPeriodEnd: false, currentPeriodEnd: at(60), ...over,
});
const org = (over: Partial<{ id: string; stripeCustomerId: string | null; subscriptionTier: string; subscriptionStatus: string }> = {}) => ({
  id: "org_a", stripeCustomerId: "cus_1", subscriptionTier: "starter", subscriptionStatus: "active", ...over,
});

describe("which organization a subscription belongs to", () => {
  const a = { id: "org_a", stripeCustomerId: null as string | null };
  const cases: [string, Parameters<typeof organizationForSubscription>, string][] = [
    ["the hinted organization, with no customer yet", ["cus_1", a, null], "org_a"],
    ["the hinted organization, already this customer's", ["cus_1", { ...a, stripeCustomerId: "cus_1" }, { ...a, stripeCustomerId: "cus_1" }], "org_a"],
    ["the customer's owner, when the hint has another customer", ["cus_1", { ...a, stripeCustomerId: "cus_9" }, { id: "org_b", stripeCustomerId: "cus_1" }], "org_b"],
    ["the customer's owner, with no hint", ["cus_1", null, { id: "org_b", stripeCustomerId: "cus_1" }], "org_b"],
    ["nobody, when nobody has the customer and the hint has another", ["cus_1", { ...a, stripeCustomerId: "cus_9" }, null], "ignored: no organization for customer cus_1"],
    ["nobody, with neither", ["cus_1", null, null], "ignored: no organization for customer cus_1"],
    ["nobody, when the hint would take another organization's customer", ["cus_1", a, { id: "org_b", stripeCustomerId: "cus_1" }], "ignored: the customer belongs to another organization"],
  ];
  it.each(cases)("%s", (_, args, expected) => {
    const found = organizationForSubscription(...args);
    expect("skip" in found ? found.skip : found.organization.id).toBe(expected);
  });
});

describe("linking a Checkout's customer", () => {
  const cases: [string, Parameters<typeof customerLinkVerdict>, string][] = [
    ["links a first customer", [{ stripeCustomerId: null }, "cus_1", null], "link"],
    ["not to an organization that does not exist", [null, "cus_1", null], "ignored: no such organization"],
    ["not twice", [{ stripeCustomerId: "cus_1" }, "cus_1", { id: "org_a" }], "customer already linked"],
    ["never over another customer", [{ stripeCustomerId: "cus_9" }, "cus_1", null], "ignored: the organization has another Stripe customer"],
    ["never another organization's customer", [{ stripeCustomerId: null }, "cus_1", { id: "org_b" }], "ignored: the customer belongs to another organization"],
  ];
  it.each(cases)("%s", (_, args, expected) => {
    const verdict = customerLinkVerdict(...args);
    expect("skip" in verdict ? verdict.skip : "link").toBe(expected);
  });
});

describe("whether a state may be applied", () => {
  const cases: [string, Parameters<typeof subscriptionVerdict>, string][] = [
    ["a first subscription", [null, snap(), at(5)], "apply"],
    ["a newer read of the same one", [stored({ syncedAt: at(5) }), snap(), at(6)], "apply"],
    ["a read at the same instant as the stored one", [stored({ syncedAt: at(5) }), snap(), at(5)], "apply"],
    ["not an older read of the same one", [stored({ syncedAt: at(5) }), snap(), at(4)], "stale: a newer state of sub_new is applied"],
    ["a live one over a dead other", [stored({ stripeSubscriptionId: "sub_old", status: "canceled" }), snap(), at(1)], "apply"],
    ["a dead one over a dead other", [stored({ stripeSubscriptionId: "sub_old", status: "incomplete_expired" }), snap({ status: "canceled" }), at(1)], "apply"],
    ["not a dead one over a live other", [stored({ stripeSubscriptionId: "sub_old", status: "past_due" }), snap({ status: "canceled" }), at(20)], "ignored: sub_new is not the organization's current subscription"],
    ["a live one over a live other (two live: the newer wins)", [stored({ stripeSubscriptionId: "sub_old" }), snap({ status: "trialing" }), at(1)], "apply two-live"],
  ];
  it.each(cases)("%s", (_, args, expected) => {
    const verdict = subscriptionVerdict(...args);
    expect("skip" in verdict ? verdict.skip : `apply${verdict.twoLive ? " two-live" : ""}`).toBe(expected);
  });

  it("property: an older read of the stored subscription is never applied, a newer one always is", () => {
    fc.assert(fc.property(fc.constantFrom(...SUBSCRIPTION_STATUSES), fc.constantFrom(...SUBSCRIPTION_STATUSES), fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 }),
      (storedStatus, status, storedAt, readAt) => {
        const verdict = subscriptionVerdict(stored({ status: storedStatus, syncedAt: at(storedAt) }), snap({ status }), at(readAt));
        expect("apply" in verdict).toBe(readAt >= storedAt);
      }));
  });

  it("property: another subscription never replaces a live one unless it is live itself", () => {
    fc.assert(fc.property(fc.constantFrom(...SUBSCRIPTION_STATUSES), fc.constantFrom(...SUBSCRIPTION_STATUSES), fc.integer({ min: 0, max: 1000 }),
      (storedStatus, status, readAt) => {
        const verdict = subscriptionVerdict(stored({ stripeSubscriptionId: "sub_old", status: storedStatus }), snap({ status }), at(readAt));
        expect("apply" in verdict).toBe(!isLiveStatus(storedStatus) || isLiveStatus(status));
        if ("apply" in verdict) expect(verdict.replacesAnother).toBe(true);
      }));
  });
});

describe("what the rows become", () => {
  it("stores the snapshot, dated by its read; a replaced subscription's payment notes are cleared", () => {
    const row = subscriptionRow(snap(), at(7), false);
    expect(row).toMatchObject({ stripeSubscriptionId: "sub_new", stripeCustomerId: "cus_1", stripeItemId: "si_1", quantity: 2, tier: "starter", billingInterval: "month", syncedAt: at(7) });
    expect(row).not.toHaveProperty("lastPaymentFailedAt");
    expect(subscriptionRow(snap(), at(7), true)).toMatchObject({ lastPaymentFailedAt: null, lastInvoiceUrl: null, paymentEventAt: null });
  });

  const paid = organizationStateFor(snap(), at(0));
  const ended = snap({ status: "canceled", endedAt: at(30), canceledAt: at(30) });
  const cases: [string, Parameters<typeof organizationChanges>, object][] = [
    ["takes the plan, linking a first customer", [org({ stripeCustomerId: null, subscriptionTier: "free" }), snap(), paid], { stripeCustomerId: "cus_1", ...paid }],
    ["takes the plan, keeping its customer", [org(), snap(), paid], { ...paid }],
    ["is left alone by a subscription whose first payment is pending", [org(), snap({ status: "incomplete" }), null], {}],
    ["ends the plan it had", [org(), ended, organizationStateFor(ended)], { subscriptionStatus: "canceled", subscriptionTier: "starter" }],
    ["is never pulled back from Free by an ended subscription", [org({ subscriptionTier: "free", subscriptionStatus: "active" }), ended, organizationStateFor(ended)], {}],
    ["leaves Free for a live subscription", [org({ subscriptionTier: "free", subscriptionStatus: "active" }), snap(), paid], { subscriptionTier: "starter" }],
    ["takes the ended state when it has not moved on (Free, but not active)", [org({ subscriptionTier: "free", subscriptionStatus: "canceled" }), ended, organizationStateFor(ended)], { subscriptionStatus: "canceled" }],
  ];
  it.each(cases)("the organization %s", (_, args, expected) => {
    const changes = organizationChanges(...args);
    if (Object.keys(expected).length === 0) expect(changes).toEqual({});
    else expect(changes).toMatchObject(expected);
  });

  it("property: an organization on Free (active) keeps its plan columns whatever a dead subscription says", () => {
    const dead = SUBSCRIPTION_STATUSES.filter((s) => !isLiveStatus(s));
    fc.assert(fc.property(fc.constantFrom(...dead), fc.option(fc.constant("cus_1"), { nil: null }), (status, customer) => {
      const s = snap({ status, endedAt: at(30) });
      const changes = organizationChanges(org({ stripeCustomerId: customer, subscriptionTier: "free", subscriptionStatus: "active" }), s, organizationStateFor(s));
      expect(Object.keys(changes).filter((k) => k !== "stripeCustomerId")).toEqual([]);
    }));
  });
});

describe("when a change earns an audit row", () => {
  const o = org();
  it.each([
    ["a first subscription", null, snap(), true],
    ["the same state again", stored(), snap(), false],
    ["more seats", stored({ quantity: 1 }), snap({ quantity: 2 }), true],
    ["another status", stored(), snap({ status: "past_due" }), true],
    ["set to cancel", stored(), snap({ cancelAtPeriodEnd: true }), true],
    ["a new period", stored(), snap({ currentPeriodEnd: at(90) }), true],
    ["another plan", stored(), snap({ tier: "professional" }), true],
    ["another subscription in the same state", stored({ stripeSubscriptionId: "sub_old" }), snap(), true],
    ["only the price id, item or interval (nothing a person sees in the log's values)", stored(), snap({ priceId: "price_other", itemId: "si_2" }), false],
  ] as const)("%s: %s", (_, current, s, expected) => {
    expect(subscriptionAudit(current, o, s) !== null).toBe(expected);
  });

  it("names what it was and what it became", () => {
    expect(subscriptionAudit(null, org({ subscriptionTier: "free", subscriptionStatus: "active" }), snap())).toEqual({
      oldValues: { tier: "free", status: "active", quantity: undefined, cancelAtPeriodEnd: undefined, currentPeriodEnd: undefined },
      newValues: { tier: "starter", status: "active", quantity: 2, cancelAtPeriodEnd: false, currentPeriodEnd: at(60), subscription: "sub_new", interval: "month" },
    });
  });
});

describe("invoice outcomes", () => {
  it.each([
    ["the first one", null, at(5), "apply"],
    ["a later one", at(4), at(5), "apply"],
    ["one at the same instant", at(5), at(5), "apply"],
    ["not an earlier one", at(6), at(5), "stale: a later invoice outcome is recorded"],
  ] as const)("applies %s", (_, recorded, when, expected) => {
    const verdict = paymentVerdict(recorded, when);
    expect("skip" in verdict ? verdict.skip : "apply").toBe(expected);
  });
});

// The Stripe webhook, end to end through its route handler, against the local Stripe double:
// signatures on the raw body, exactly-once processing (also for simultaneous duplicates),
// out-of-order events, payment failures making the organization read-only, Stripe outages.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Delivery, billingOn, deliver, subscribe, withBillingOff } from "../../../test/helpers/billing";
import { type TestOrg, callerAs, createOrgWithOwner, ownerPool } from "../../../test/helpers/fixtures";
import type { StripeDouble } from "../../../test/helpers/stripe-server";

let double: StripeDouble;
let stop: () => Promise<void>;
beforeAll(async () => ({ double, stop } = await billingOn()));
afterAll(() => stop?.());

async function orgRow(org: TestOrg) {
  const { rows } = await ownerPool().query(
    `SELECT subscription_tier AS tier, subscription_status AS status, subscription_expires_at AS "expiresAt", max_users AS "maxUsers",
            max_leads_per_month AS "maxLeads", max_ai_calls_per_month AS "maxAi", stripe_customer_id AS customer, features
     FROM organizations WHERE id = $1`, [org.orgId]);
  return rows[0] as Record<string, unknown>;
}

async function subscriptionRow(org: TestOrg) {
  const { rows } = await ownerPool().query(`SELECT * FROM billing_subscriptions WHERE organization_id = $1`, [org.orgId]);
  return rows[0] as Record<string, unknown> | undefined;
}

const eventCount = async (eventId?: string) =>
  Number((await ownerPool().query(`SELECT count(*) FROM stripe_events ${eventId ? "WHERE event_id = $1" : ""}`, eventId ? [eventId] : [])).rows[0].count);

const auditFor = async (eventId: string) =>
  (await ownerPool().query(`SELECT action FROM audit_logs WHERE details->>'eventId' = $1`, [eventId])).rows.map((r) => r.action as string);

const nowSeconds = () => Math.floor(Date.now() / 1000);

describe("Stripe webhook", () => {
  it("upgrades the organization when checkout completes: tier, status, renewal and the plan's limits", async () => {
    const org = await createOrgWithOwner("wh-upgrade");
    expect(await orgRow(org)).toMatchObject({ tier: "free", status: "active", maxUsers: 5, maxLeads: 500, maxAi: 50 });
    const { subscriptionId, events } = await subscribe(double, org, "starter", "month");
    const row = await orgRow(org);
    expect(row).toMatchObject({ tier: "starter", status: "active", maxUsers: 10, maxLeads: 2500, maxAi: 250, customer: double.subscriptions.get(subscriptionId)!.customer });
    expect(row.features).toMatchObject({ sales_dashboard: true, pipelines: true });
    expect((row.expiresAt as Date).getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    expect(await subscriptionRow(org)).toMatchObject({ stripe_subscription_id: subscriptionId, status: "active", tier: "starter", billing_interval: "month", quantity: 1, cancel_at_period_end: false });
    // The second event found the same state: one audit entry, on the first.
    expect(await auditFor(events[0]!.id)).toEqual(["billing.subscription_sync"]);
    expect(await auditFor(events[1]!.id)).toEqual([]);
  });

  it("refuses bad, stale, missing and tampered signatures and bodies that are not events, writing nothing", async () => {
    const org = await createOrgWithOwner("wh-signatures");
    const { subscriptionId } = await subscribe(double, org);
    double.mutateSubscription(subscriptionId, (s) => { s.status = "past_due"; });
    const event = double.event("customer.subscription.updated", double.subscriptions.get(subscriptionId)!);
    const payload = JSON.stringify(event);
    const [eventsBefore, orgBefore] = [await eventCount(), await orgRow(org)];

    const attempts: [string, Promise<Delivery>][] = [
      ["wrong secret", deliver(double, event, { secret: "whsec_someone_else" })],
      ["ten minutes old", deliver(double, event, { timestamp: nowSeconds() - 600 })],
      ["no signature", deliver(double, event, { signature: null })],
      ["garbage signature", deliver(double, event, { signature: "t=1,v1=nope" })],
      ["signed for another body", deliver(double, payload.replace("past_due", "active"), { signature: double.signature(payload) })],
      ["signed, not JSON", deliver(double, "this is { not json")],
      ["signed, not an event", deliver(double, JSON.stringify({ hello: "world" }))],
      ["signed, id too long", deliver(double, JSON.stringify({ ...event, id: "evt_".padEnd(300, "x") }))],
    ];
    for (const [what, attempt] of attempts) expect((await attempt).status, what).toBe(400);
    expect((await deliver(double, "x".repeat(1_100_000))).status).toBe(413);
    expect(await eventCount()).toBe(eventsBefore);
    expect(await orgRow(org)).toEqual(orgBefore);
  });

  it("applies an event delivered twice only once", async () => {
    const org = await createOrgWithOwner("wh-duplicate");
    const { subscriptionId } = await subscribe(double, org);
    double.mutateSubscription(subscriptionId, (s) => { (s.items as { data: { quantity: number }[] }).data[0]!.quantity = 2; });
    const event = double.event("customer.subscription.updated", double.subscriptions.get(subscriptionId)!);
    const first = await deliver(double, event);
    const second = await deliver(double, event);
    expect(first).toMatchObject({ status: 200, body: { duplicate: false } });
    expect(second).toMatchObject({ status: 200, body: { duplicate: true } });
    expect(await eventCount(event.id)).toBe(1);
    expect(await auditFor(event.id)).toEqual(["billing.subscription_sync"]);
    expect(await subscriptionRow(org)).toMatchObject({ quantity: 2 });
  });

  it("applies simultaneous duplicates once: the second waits for the first and skips", async () => {
    const org = await createOrgWithOwner("wh-concurrent");
    const { subscriptionId } = await subscribe(double, org);
    double.mutateSubscription(subscriptionId, (s) => { (s.items as { data: { quantity: number }[] }).data[0]!.quantity = 3; });
    const event = double.event("customer.subscription.updated", double.subscriptions.get(subscriptionId)!);
    // Stripe answers slowly, so the first delivery is still inside its transaction when the second arrives.
    double.slow(new RegExp(`GET /v1/subscriptions/${subscriptionId}`), 400, 2);
    const fetchesBefore = double.requests.filter((r) => r.path === `/v1/subscriptions/${subscriptionId}`).length;
    const results = await Promise.all([deliver(double, event), deliver(double, event)]);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    expect(results.map((r) => r.body.duplicate).sort()).toEqual([false, true]);
    expect(double.requests.filter((r) => r.path === `/v1/subscriptions/${subscriptionId}`).length - fetchesBefore).toBe(1);
    expect(await eventCount(event.id)).toBe(1);
    expect(await auditFor(event.id)).toEqual(["billing.subscription_sync"]);
    expect(await subscriptionRow(org)).toMatchObject({ quantity: 3 });
  });

  it("never lets an older event put an older state back", async () => {
    const org = await createOrgWithOwner("wh-order");
    const { subscriptionId } = await subscribe(double, org, "pro", "year");
    const activeCopy = structuredClone(double.subscriptions.get(subscriptionId)!);
    // The subscription ends; Stripe sends deleted, and an update from an hour ago arrives after it.
    double.mutateSubscription(subscriptionId, (s) => { Object.assign(s, { status: "canceled", ended_at: nowSeconds() - 5, canceled_at: nowSeconds() - 5 }); });
    expect(await deliver(double, double.event("customer.subscription.deleted", double.subscriptions.get(subscriptionId)!))).toMatchObject({ status: 200 });
    expect(await orgRow(org)).toMatchObject({ tier: "professional", status: "canceled" });
    const late = await deliver(double, double.event("customer.subscription.updated", activeCopy, nowSeconds() - 3600));
    expect(late.status).toBe(200);
    expect(await orgRow(org)).toMatchObject({ status: "canceled" });
    // Stripe no longer has it: the event's own copy counts only if it is newer than what is applied.
    double.subscriptions.delete(subscriptionId);
    const older = await deliver(double, double.event("customer.subscription.updated", activeCopy, nowSeconds() - 7200));
    expect(older).toMatchObject({ status: 200, body: { outcome: expect.stringMatching(/^stale/) } });
    expect(await orgRow(org)).toMatchObject({ status: "canceled" });
    expect(await subscriptionRow(org)).toMatchObject({ status: "canceled" });
  });

  it("makes the organization read-only while a payment has failed, billing excepted, and lifts it once paid", async () => {
    const org = await createOrgWithOwner("wh-dunning");
    const api = callerAs(org.owner, org.slug);
    await api.leads.create({ companyName: "Before the trouble" });
    const { subscriptionId } = await subscribe(double, org);
    const invoice = (id: string) => ({ id, object: "invoice", customer: double.subscriptions.get(subscriptionId)!.customer, hosted_invoice_url: `https://invoice.stripe.test/${id}`, parent: { type: "subscription_details", subscription_details: { subscription: subscriptionId } } });

    double.mutateSubscription(subscriptionId, (s) => { s.status = "past_due"; });
    const failed = double.event("invoice.payment_failed", invoice("in_1"), nowSeconds() - 60);
    expect(await deliver(double, failed)).toMatchObject({ status: 200 });
    expect(await orgRow(org)).toMatchObject({ status: "past_due", tier: "starter" });
    expect(await subscriptionRow(org)).toMatchObject({ last_invoice_url: "https://invoice.stripe.test/in_1" });
    expect((await subscriptionRow(org))!.last_payment_failed_at).toBeInstanceOf(Date);
    expect(await auditFor(failed.id)).toEqual(["billing.subscription_sync", "billing.payment_failed"]);

    const refusal = { code: "FORBIDDEN", message: expect.stringMatching(new RegExp(`read-only because its latest payment failed.*/${org.slug}/settings/billing`)) };
    await expect(api.leads.create({ companyName: "During the trouble" })).rejects.toMatchObject(refusal);
    await expect(api.companies.create({ name: "Nope Inc" })).rejects.toMatchObject(refusal);
    expect((await api.leads.list({})).items).toHaveLength(1); // reads still work; nothing was deleted
    await expect(api.billing.portal()).resolves.toMatchObject({ url: expect.stringContaining("/portal/") });
    const overview = await api.billing.overview();
    expect(overview.readOnly).toMatchObject({ reason: "past_due" });
    expect(overview.subscription?.lastPaymentFailedAt).toBeInstanceOf(Date);

    double.mutateSubscription(subscriptionId, (s) => { s.status = "active"; });
    const paid = double.event("invoice.paid", invoice("in_1"));
    expect(await deliver(double, paid)).toMatchObject({ status: 200 });
    expect(await orgRow(org)).toMatchObject({ status: "active" });
    expect((await subscriptionRow(org))!.last_payment_failed_at).toBeNull();
    await expect(api.leads.create({ companyName: "After the trouble" })).resolves.toBeTruthy();

    // A failure from before the payment, delivered late, does not bring the warning back.
    const lateFailure = double.event("invoice.payment_failed", invoice("in_0"), nowSeconds() - 3600);
    expect(await deliver(double, lateFailure)).toMatchObject({ status: 200, body: { outcome: expect.stringContaining("stale") } });
    expect((await subscriptionRow(org))!.last_payment_failed_at).toBeNull();
    expect(await orgRow(org)).toMatchObject({ status: "active" });
  });

  it("answers 503 and records nothing while Stripe is unreachable; Stripe's retry then applies the event", async () => {
    const org = await createOrgWithOwner("wh-outage");
    const { subscriptionId } = await subscribe(double, org);
    double.mutateSubscription(subscriptionId, (s) => { s.cancel_at_period_end = true; s.cancel_at = (s.items as { data: { current_period_end: number }[] }).data[0]!.current_period_end; });
    const event = double.event("customer.subscription.updated", double.subscriptions.get(subscriptionId)!);
    // The SDK tries a dropped connection twice, so the outage outlasts both.
    double.fail(new RegExp(`GET /v1/subscriptions/${subscriptionId}`), "drop", 2);
    expect(await deliver(double, event)).toMatchObject({ status: 503 });
    expect(await eventCount(event.id)).toBe(0);
    expect(await subscriptionRow(org)).toMatchObject({ cancel_at_period_end: false });
    expect(await deliver(double, event)).toMatchObject({ status: 200, body: { duplicate: false } });
    expect(await subscriptionRow(org)).toMatchObject({ cancel_at_period_end: true });
  });

  it("acknowledges events it does not act on, and subscriptions of customers it does not know", async () => {
    const charge = double.event("charge.succeeded", { id: "ch_1", object: "charge" });
    expect(await deliver(double, charge)).toMatchObject({ status: 200, body: { outcome: expect.stringMatching(/^ignored/) } });
    double.subscriptions.set("sub_stranger", { id: "sub_stranger", object: "subscription", customer: "cus_stranger", status: "active", metadata: {}, cancel_at_period_end: false, items: { data: [{ id: "si_x", quantity: 1, price: { id: "price_starter_month", recurring: { interval: "month" } }, current_period_start: nowSeconds(), current_period_end: nowSeconds() + 86_400 }] } });
    const stranger = double.event("customer.subscription.created", double.subscriptions.get("sub_stranger")!);
    expect(await deliver(double, stranger)).toMatchObject({ status: 200, body: { outcome: expect.stringContaining("no organization for customer cus_stranger") } });
  });

  it("is not there while billing is off", async () => {
    await withBillingOff(async () => {
      expect((await deliver(double, double.event("charge.succeeded", { id: "ch_2" }))).status).toBe(404);
    });
  });
});

// Billing and the network: no transaction stays open while Stripe answers (each billing action
// and the seat sync are held at the Stripe double while the test counts open transactions),
// and seats converge on the member count when members join and leave during overlapping syncs.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { billingOn, deliver, subscribe } from "../../../test/helpers/billing";
import { type TestOrg, addMember, callerAs, createOrgWithOwner, ownerPool } from "../../../test/helpers/fixtures";
import type { StripeDouble } from "../../../test/helpers/stripe-server";
import { syncSeatQuantity } from "./seat-sync";

let double: StripeDouble;
let stop: () => Promise<void>;
beforeAll(async () => ({ double, stop } = await billingOn()));
afterAll(() => stop?.());

/** Every other client session of this database that is inside a transaction, whatever it is doing. */
async function openTransactions() {
  const { rows } = await ownerPool().query<{ state: string; query: string }>(
    `SELECT state, left(query, 200) AS query FROM pg_stat_activity
     WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid() AND xact_start IS NOT NULL`);
  return rows;
}

/** Holds the next `times` Stripe requests matching `match` and looks at the database while each waits. */
function watchWhileStripeWaits(match: RegExp, times = 1) {
  const looks: { state: string; query: string }[][] = [];
  double.hold(match, async () => { looks.push(await openTransactions()); }, times);
  return looks;
}

const subscriptionPath = (id: string) => new RegExp(`^(GET|POST) /v1/subscriptions/${id}`);
const stripeQuantity = (subscriptionId: string) => (double.subscriptions.get(subscriptionId)!.items as { data: { quantity: number }[] }).data[0]!.quantity;
const activeMembers = async (org: TestOrg) =>
  (await ownerPool().query<{ n: number }>(`SELECT count(*)::int AS n FROM memberships WHERE organization_id = $1 AND status = 'active'`, [org.orgId])).rows[0]!.n;
const storedQuantity = async (org: TestOrg) =>
  (await ownerPool().query<{ quantity: number }>(`SELECT quantity FROM billing_subscriptions WHERE organization_id = $1`, [org.orgId])).rows[0]!.quantity;
const deactivate = (org: TestOrg, userId: string) =>
  ownerPool().query(`UPDATE memberships SET status = 'deactivated' WHERE organization_id = $1 AND user_id = $2`, [org.orgId, userId]);

describe("no transaction waits on Stripe", () => {
  it("checkout: creating the customer and the session", async () => {
    const org = await createOrgWithOwner("net-checkout");
    const looks = watchWhileStripeWaits(/^POST \/v1\/(customers|checkout\/sessions)$/, 2);
    await expect(callerAs(org.owner, org.slug).billing.checkout({ plan: "starter", interval: "month" })).resolves.toMatchObject({ url: expect.any(String) });
    expect(looks).toEqual([[], []]);
  });

  it("two checkouts at once create and link one Stripe customer (the one stored first stays)", async () => {
    const org = await createOrgWithOwner("net-checkout-twice");
    const api = callerAs(org.owner, org.slug);
    const mark = double.requests.length;
    const [first, second] = await Promise.all([
      api.billing.checkout({ plan: "starter", interval: "month" }),
      api.billing.checkout({ plan: "starter", interval: "month" }),
    ]);
    expect(second.url).toBe(first.url);
    const created = double.requests.slice(mark).filter((r) => r.path === "/v1/customers");
    expect(new Set(created.map((r) => r.idempotencyKey))).toEqual(new Set([`parley-customer-${org.orgId}`]));
    const { rows } = await ownerPool().query(`SELECT stripe_customer_id FROM organizations WHERE id = $1`, [org.orgId]);
    const session = double.sessions.get(first.url.split("/").pop()!)!;
    expect(rows[0].stripe_customer_id).toBe(session.customer);
    const audit = await ownerPool().query(`SELECT count(*)::int AS n FROM audit_logs WHERE organization_id = $1 AND action = 'billing.customer_create'`, [org.orgId]);
    expect(audit.rows[0].n).toBe(1);
  });

  it("the portal, plan changes, cancel and resume", async () => {
    const org = await createOrgWithOwner("net-actions");
    const { subscriptionId } = await subscribe(double, org);
    const api = callerAs(org.owner, org.slug);
    const actions: [string, RegExp, () => Promise<unknown>][] = [
      ["portal", /^POST \/v1\/billing_portal\/sessions$/, () => api.billing.portal()],
      ["changePlan", subscriptionPath(subscriptionId), () => api.billing.changePlan({ plan: "pro", interval: "month" })],
      ["cancel", subscriptionPath(subscriptionId), () => api.billing.cancel()],
      ["resume", subscriptionPath(subscriptionId), () => api.billing.resume()],
    ];
    for (const [name, match, action] of actions) {
      const looks = watchWhileStripeWaits(match);
      await action();
      expect(looks, name).toEqual([[]]);
    }
    expect(double.subscriptions.get(subscriptionId)).toMatchObject({ cancel_at_period_end: false });
  });

  it("seat sync, from the billing page and after a membership change", async () => {
    const org = await createOrgWithOwner("net-seats");
    const { subscriptionId } = await subscribe(double, org);
    const member = await addMember(org, "Member");
    // Reads the subscription, then updates it: both held.
    let looks = watchWhileStripeWaits(subscriptionPath(subscriptionId), 2);
    await expect(callerAs(org.owner, org.slug).billing.syncSeats()).resolves.toEqual({ quantity: 2, changed: true });
    expect(looks).toEqual([[], []]);
    await deactivate(org, member.id);
    looks = watchWhileStripeWaits(subscriptionPath(subscriptionId), 2);
    await expect(syncSeatQuantity(org.orgId, org.owner.id)).resolves.toEqual({ quantity: 1, changed: true });
    expect(looks).toEqual([[], []]);
    expect(stripeQuantity(subscriptionId)).toBe(1);
  });
  it("the webhook, while it reads the subscription from Stripe", async () => {
    const org = await createOrgWithOwner("net-webhook");
    const { subscriptionId } = await subscribe(double, org);
    double.mutateSubscription(subscriptionId, (s) => { s.status = "past_due"; });
    const looks = watchWhileStripeWaits(new RegExp(`^GET /v1/subscriptions/${subscriptionId}`));
    const event = double.event("customer.subscription.updated", double.subscriptions.get(subscriptionId)!);
    expect(await deliver(double, event)).toMatchObject({ status: 200, body: { duplicate: false } });
    expect(looks).toEqual([[]]);
    const { rows } = await ownerPool().query(`SELECT outcome, claimed_at FROM stripe_events WHERE event_id = $1`, [event.id]);
    expect(rows[0]).toMatchObject({ outcome: expect.stringMatching(/^applied/), claimed_at: expect.any(Date) });
  });
});

describe("webhook claims", () => {
  it("a claim left by a delivery that died is taken over once its lease has run out; a live one is left to its delivery", async () => {
    const org = await createOrgWithOwner("claim-abandoned");
    const { subscriptionId } = await subscribe(double, org);
    double.mutateSubscription(subscriptionId, (s) => { (s.items as { data: { quantity: number }[] }).data[0]!.quantity = 4; });
    const event = double.event("customer.subscription.updated", double.subscriptions.get(subscriptionId)!);
    await ownerPool().query(
      `INSERT INTO stripe_events (event_id, type, stripe_created_at, claimed_at) VALUES ($1, $2, now(), now() - interval '10 minutes')`, [event.id, event.type]);
    expect(await deliver(double, event)).toMatchObject({ status: 200, body: { duplicate: false, outcome: expect.stringMatching(/^applied/) } });
    expect(await storedQuantity(org)).toBe(4);

    // A fresh claim belongs to a delivery still at work: the next one never takes it (it asks
    // Stripe nothing) and skips once that delivery has recorded its outcome.
    const other = double.event("customer.subscription.updated", double.subscriptions.get(subscriptionId)!);
    await ownerPool().query(`INSERT INTO stripe_events (event_id, type, stripe_created_at, claimed_at) VALUES ($1, $2, now(), now())`, [other.id, other.type]);
    const reads = () => double.requests.filter((r) => r.method === "GET" && r.path === `/v1/subscriptions/${subscriptionId}`).length;
    const readsBefore = reads();
    const waiting = deliver(double, other);
    await ownerPool().query(`UPDATE stripe_events SET outcome = 'applied elsewhere' WHERE event_id = $1`, [other.id]);
    expect(await waiting).toMatchObject({ status: 200, body: { duplicate: true } });
    expect(reads()).toBe(readsBefore);
  });
});

describe("seats converge without a lock", () => {
  it("an update that lands after the members changed again is corrected by its own sync", async () => {
    const org = await createOrgWithOwner("seats-late");
    const { subscriptionId } = await subscribe(double, org);
    const member = await addMember(org, "Member");
    // Sync A sends 2; while its update is on the way the member leaves and sync B finishes first.
    let b: unknown;
    double.hold(new RegExp(`^POST /v1/subscriptions/${subscriptionId}`), async () => {
      await deactivate(org, member.id);
      b = await syncSeatQuantity(org.orgId, org.owner.id);
    });
    const a = await syncSeatQuantity(org.orgId, org.owner.id);
    expect(b).toEqual({ quantity: 1, changed: false }); // Stripe still said 1 when B looked
    expect(a).toEqual({ quantity: 1, changed: true }); // A's 2 landed last, so A counted again and sent 1
    expect(stripeQuantity(subscriptionId)).toBe(1);
    expect(await storedQuantity(org)).toBe(1);
  });

  it("answers recorded out of order (the later read kept, the earlier landing last) do not fool a sync", async () => {
    const org = await createOrgWithOwner("seats-order");
    const { subscriptionId } = await subscribe(double, org);
    await addMember(org, "Member");
    // Sync A sends 2 and is held; a second member joins and sync B sends 3, which lands and is
    // recorded first. A's 2 then lands last, and its record is skipped as read earlier than B's.
    let b: unknown;
    double.hold(new RegExp(`^POST /v1/subscriptions/${subscriptionId}`), async () => {
      await addMember(org, "Member");
      b = await syncSeatQuantity(org.orgId, org.owner.id);
    });
    const a = await syncSeatQuantity(org.orgId, org.owner.id);
    expect(b).toEqual({ quantity: 3, changed: true });
    expect(a).toEqual({ quantity: 3, changed: true });
    expect(stripeQuantity(subscriptionId)).toBe(3);
    expect(await storedQuantity(org)).toBe(3);
  });

  it.each([1, 2, 3, 4])("ends with Stripe's quantity equal to the member count while members join and leave under overlapping syncs (run %i)", async (run) => {
    const org = await createOrgWithOwner(`seats-churn-${run}`);
    const { subscriptionId } = await subscribe(double, org, "pro");
    // A fixed sequence of pseudo-random choices per run, so a failure can be replayed.
    let seed = 20261207 + run;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const take = <T>(items: T[], index: number) => items.splice(index, 1)[0]!;
    // Every Stripe call on the subscription waits at a gate until the test lets one through, once
    // every running sync is waiting: reads mostly in order, so syncs count early, and updates
    // mostly newest first, so updates sent on older counts land late, where they do most harm.
    const reads: (() => void)[] = [];
    const updates: (() => void)[] = [];
    let gatesOpen = false;
    const gate = (queue: (() => void)[]) => () => (gatesOpen ? Promise.resolve() : new Promise<void>((resolve) => queue.push(resolve)));
    double.hold(new RegExp(`^GET /v1/subscriptions/${subscriptionId}`), gate(reads), 10_000);
    double.hold(new RegExp(`^POST /v1/subscriptions/${subscriptionId}`), gate(updates), 10_000);
    const members: string[] = [];
    const syncs: Promise<unknown>[] = [];
    let finished = 0;
    const letOneThrough = async () => {
      // Every sync still running is waiting at a gate (not between calls): the order is all ours.
      await vi.waitFor(() => { if (reads.length + updates.length !== syncs.length - finished) throw new Error("a sync is still between calls"); }, { timeout: 10_000 });
      if (reads.length && (!updates.length || random() < 0.7)) take(reads, random() < 0.7 ? 0 : Math.floor(random() * reads.length))();
      else if (updates.length) take(updates, random() < 0.7 ? updates.length - 1 : Math.floor(random() * updates.length))();
    };
    try {
      for (let change = 0; change < 12; change++) {
        if (members.length === 0 || random() < 0.6) members.push((await addMember(org, "Member")).id);
        else await deactivate(org, take(members, Math.floor(random() * members.length)));
        // What afterSeatChange does once the change has committed.
        syncs.push(syncSeatQuantity(org.orgId, org.owner.id).finally(() => finished++));
        for (let n = Math.floor(random() * 3); n > 0; n--) await letOneThrough();
      }
      while (finished < syncs.length) await letOneThrough();
      await Promise.all(syncs);
    } finally {
      gatesOpen = true;
      [...reads.splice(0), ...updates.splice(0)].forEach((release) => release());
    }
    const count = await activeMembers(org);
    expect(stripeQuantity(subscriptionId)).toBe(count);
    expect(await storedQuantity(org)).toBe(count);
  });
});

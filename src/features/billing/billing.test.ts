// Billing through the app's procedures against the local Stripe double: Checkout, the Customer
// Portal, plan changes, cancel and resume, seats following membership, read-only after the
// end, the monthly lead and AI-call limits, and self-hosted mode with billing off.
import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { billingOn, deliver, subscribe, withBillingOff } from "../../../test/helpers/billing";
import { type TestOrg, addMember, callerAs, createOrgWithOwner, ownerPool } from "../../../test/helpers/fixtures";
import type { StripeDouble } from "../../../test/helpers/stripe-server";
import { stagedPath } from "@/features/imports/import-files";
import { runImport } from "@/features/imports/import-runner";
import { afterCommitQueue, createOrgScope } from "@/server/api/scope";
import { withOrg } from "@/server/db/tenant";
import { afterSeatChange } from "./seat-sync";
import { aiCallAllowance, consumeAiCalls, unmetered } from "./usage";

let double: StripeDouble;
let stop: () => Promise<void>;
beforeAll(async () => {
  ({ double, stop } = await billingOn());
  process.env.PARLEY_UPLOAD_DIR = path.resolve(".data/test-uploads");
});
afterAll(async () => {
  delete process.env.PARLEY_UPLOAD_DIR;
  await stop?.();
});

const since = (count: number) => double.requests.slice(count);
const setLimits = (org: TestOrg, limits: { leads?: number; ai?: number }) =>
  ownerPool().query(`UPDATE organizations SET max_leads_per_month = coalesce($2, max_leads_per_month), max_ai_calls_per_month = coalesce($3, max_ai_calls_per_month) WHERE id = $1`, [org.orgId, limits.leads ?? null, limits.ai ?? null]);
const orgStatus = async (org: TestOrg) =>
  (await ownerPool().query(`SELECT subscription_tier AS tier, subscription_status AS status, max_users AS "maxUsers" FROM organizations WHERE id = $1`, [org.orgId])).rows[0];

/** Runs `fn` in an organization scope the way orgProcedure does, after-commit work included. */
async function inScope<T>(org: TestOrg, fn: (scope: ReturnType<typeof createOrgScope>) => Promise<T>): Promise<T> {
  const later = afterCommitQueue();
  const result = await withOrg({ orgId: org.orgId, userId: org.owner.id }, (tx) => fn(createOrgScope(tx, { orgId: org.orgId, userId: org.owner.id, meta: { ip: null, userAgent: "test" } }, undefined, later.add)));
  await later.run();
  return result;
}

describe("billing page data and permissions", () => {
  it("shows the plan, status and real usage meters; only billing:admin may change billing", async () => {
    const org = await createOrgWithOwner("bill-overview");
    const admin = await addMember(org, "Admin");
    const member = await addMember(org, "Member");
    const api = callerAs(org.owner, org.slug);
    await api.leads.create({ companyName: "Meter One" });
    await api.leads.create({ companyName: "Meter Two" });
    const overview = await api.billing.overview();
    expect(overview).toMatchObject({
      enabled: true, plan: { id: "free", name: "Free" }, status: "active", readOnly: null, subscription: null, hasCustomer: false,
      usage: { seats: { used: 3, limit: 5 }, leads: { used: 2, limit: 500 }, aiCalls: { used: 0, limit: 50 } },
    });
    expect(overview.prices.starter).toEqual({ month: true, year: true });
    // Admins see billing but cannot change it; members do not see it at all.
    await expect(callerAs(admin, org.slug).billing.overview()).resolves.toMatchObject({ plan: { id: "free" } });
    await expect(callerAs(admin, org.slug).billing.checkout({ plan: "starter", interval: "month" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerAs(member, org.slug).billing.overview()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(api.billing.checkout({ plan: "free" as never, interval: "month" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("Checkout and the Customer Portal", () => {
  it("opens Checkout in subscription mode for the active seats, creating the Stripe customer once; a double click gets the same session", async () => {
    const org = await createOrgWithOwner("bill-checkout");
    await addMember(org, "Member");
    const api = callerAs(org.owner, org.slug);
    const mark = double.requests.length;
    const first = await api.billing.checkout({ plan: "pro", interval: "year" });
    const second = await api.billing.checkout({ plan: "pro", interval: "year" });
    expect(second.url).toBe(first.url);
    expect(first.url).toMatch(new RegExp(`^${double.url}/checkout/cs_test_`));
    const posts = since(mark).filter((r) => r.method === "POST");
    expect(posts.map((r) => r.path)).toEqual(["/v1/customers", "/v1/checkout/sessions", "/v1/checkout/sessions"]);
    // Every call Parley makes to Stripe carries its own idempotency key.
    expect(posts.every((r) => r.idempotencyKey?.startsWith("parley-"))).toBe(true);
    expect(posts[0]!.idempotencyKey).toBe(`parley-customer-${org.orgId}`);
    expect(posts[1]!.params).toMatchObject({
      mode: "subscription", client_reference_id: org.orgId, line_items: [{ price: "price_pro_year", quantity: "2" }],
      subscription_data: { metadata: { organization_id: org.orgId, plan: "pro", interval: "year" } },
      success_url: `http://parley.test/${org.slug}/settings/billing?checkout=success&session_id={CHECKOUT_SESSION_ID}`,
    });
    expect(double.customers.size).toBeGreaterThan(0);
    const { rows } = await ownerPool().query(`SELECT stripe_customer_id FROM organizations WHERE id = $1`, [org.orgId]);
    expect(rows[0].stripe_customer_id).toBe(posts[1]!.params.customer);
    // Plans this server has no Stripe price for are refused with the variable to set.
    const saved = process.env.STRIPE_PRICE_ENTERPRISE_MONTHLY;
    delete process.env.STRIPE_PRICE_ENTERPRISE_MONTHLY;
    try {
      await expect(api.billing.checkout({ plan: "enterprise", interval: "month" })).rejects.toMatchObject({ code: "PRECONDITION_FAILED", message: expect.stringContaining("STRIPE_PRICE_ENTERPRISE_MONTHLY") });
    } finally {
      process.env.STRIPE_PRICE_ENTERPRISE_MONTHLY = saved;
    }
  });

  it("refuses a second subscription, and opens the portal for the customer", async () => {
    const org = await createOrgWithOwner("bill-portal");
    const api = callerAs(org.owner, org.slug);
    await expect(api.billing.portal()).rejects.toMatchObject({ code: "PRECONDITION_FAILED", message: expect.stringContaining("no billing account yet") });
    await subscribe(double, org, "starter");
    await expect(api.billing.checkout({ plan: "pro", interval: "month" })).rejects.toMatchObject({ code: "CONFLICT" });
    const mark = double.requests.length;
    const { url } = await api.billing.portal();
    expect(url).toContain(`${double.url}/portal/`);
    expect(since(mark)[0]).toMatchObject({ path: "/v1/billing_portal/sessions", params: { return_url: `http://parley.test/${org.slug}/settings/billing` }, idempotencyKey: expect.stringMatching(/^parley-portal-/) });
  });

  it("says so, and changes nothing, when Stripe cannot be reached", async () => {
    const org = await createOrgWithOwner("bill-outage");
    const api = callerAs(org.owner, org.slug);
    double.fail(/POST \/v1\/customers/, 500);
    await expect(api.billing.checkout({ plan: "starter", interval: "month" })).rejects.toMatchObject({ code: "SERVICE_UNAVAILABLE", message: expect.stringContaining("Stripe could not be reached") });
    const { rows } = await ownerPool().query(`SELECT stripe_customer_id FROM organizations WHERE id = $1`, [org.orgId]);
    expect(rows[0].stripe_customer_id).toBeNull();
  });
});

describe("changing the plan", () => {
  it("moves to another plan now with prorations, and the limits follow", async () => {
    const org = await createOrgWithOwner("bill-change");
    const { subscriptionId } = await subscribe(double, org, "starter", "month");
    const api = callerAs(org.owner, org.slug);
    const mark = double.requests.length;
    await api.billing.changePlan({ plan: "pro", interval: "year" });
    const update = since(mark).find((r) => r.method === "POST")!;
    const item = (double.subscriptions.get(subscriptionId)!.items as { data: { id: string }[] }).data[0]!;
    expect(update).toMatchObject({ path: `/v1/subscriptions/${subscriptionId}`, params: { items: [{ id: item.id, price: "price_pro_year", quantity: "1" }], proration_behavior: "create_prorations" } });
    expect(update.idempotencyKey).toMatch(/^parley-change-/);
    expect(await orgStatus(org)).toEqual({ tier: "professional", status: "active", maxUsers: 50 });
    expect((await api.billing.overview()).subscription).toMatchObject({ planId: "pro", interval: "year" });
    await expect(api.billing.changePlan({ plan: "pro", interval: "year" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const audit = await ownerPool().query(`SELECT new_values FROM audit_logs WHERE organization_id = $1 AND action = 'billing.plan_change'`, [org.orgId]);
    expect(audit.rows[0].new_values).toMatchObject({ plan: "pro", interval: "year" });
  });

  it("refuses a plan too small for the active members", async () => {
    const org = await createOrgWithOwner("bill-too-small");
    await subscribe(double, org, "pro", "month");
    for (let i = 0; i < 10; i++) await addMember(org, "Member");
    await expect(callerAs(org.owner, org.slug).billing.changePlan({ plan: "starter", interval: "month" })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED", message: expect.stringContaining("The Starter plan allows 10 users and this organization has 11 active members"),
    });
  });

  it("cancels at the end of the period (still paid for until then) and resumes", async () => {
    const org = await createOrgWithOwner("bill-cancel");
    const { subscriptionId } = await subscribe(double, org);
    const api = callerAs(org.owner, org.slug);
    const canceled = await api.billing.cancel();
    expect(double.subscriptions.get(subscriptionId)).toMatchObject({ cancel_at_period_end: true });
    const overview = await api.billing.overview();
    expect(overview).toMatchObject({ plan: { id: "starter" }, status: "active", readOnly: null, subscription: { cancelAtPeriodEnd: true } });
    expect(overview.expiresAt).toEqual(canceled.endsAt);
    await expect(api.leads.create({ companyName: "Still working" })).resolves.toBeTruthy();
    await expect(api.billing.cancel()).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await api.billing.resume();
    expect(double.subscriptions.get(subscriptionId)).toMatchObject({ cancel_at_period_end: false });
    expect((await api.billing.overview()).subscription).toMatchObject({ cancelAtPeriodEnd: false });
  });

  it("after the period the organization is read-only, never deleted, until it pays or continues on Free", async () => {
    const org = await createOrgWithOwner("bill-ended");
    const api = callerAs(org.owner, org.slug);
    const lead = await api.leads.create({ companyName: "Kept Safe Ltd" });
    const { subscriptionId } = await subscribe(double, org);
    const endedAt = Math.floor(Date.now() / 1000) - 10;
    double.mutateSubscription(subscriptionId, (s) => Object.assign(s, { status: "canceled", ended_at: endedAt, canceled_at: endedAt }));
    expect(await deliver(double, double.event("customer.subscription.deleted", double.subscriptions.get(subscriptionId)!))).toMatchObject({ status: 200 });
    expect(await orgStatus(org)).toMatchObject({ status: "canceled" });
    const readOnly = { code: "FORBIDDEN", message: expect.stringContaining("read-only because its subscription has ended") };
    await expect(api.leads.update({ id: lead.id, values: { companyName: "Changed" } })).rejects.toMatchObject(readOnly);
    await expect(api.tasks.create({ title: "Nope" })).rejects.toMatchObject(readOnly);
    await expect(api.leads.get({ id: lead.id })).resolves.toMatchObject({ company: { name: "Kept Safe Ltd" } });
    // A new subscription (billing is never read-only), or Free.
    await expect(api.billing.checkout({ plan: "starter", interval: "month" })).resolves.toMatchObject({ url: expect.any(String) });
    await api.billing.continueOnFree();
    expect(await orgStatus(org)).toEqual({ tier: "free", status: "active", maxUsers: 5 });
    await expect(api.tasks.create({ title: "Back at work" })).resolves.toBeTruthy();
    // A late event about the ended subscription does not pull the organization back.
    expect(await deliver(double, double.event("customer.subscription.updated", double.subscriptions.get(subscriptionId)!))).toMatchObject({ status: 200 });
    expect(await orgStatus(org)).toEqual({ tier: "free", status: "active", maxUsers: 5 });
  });
});

describe("seats follow membership", () => {
  it("updates the subscription's quantity with prorations after a member joins or leaves", async () => {
    const org = await createOrgWithOwner("bill-seats");
    const { subscriptionId } = await subscribe(double, org);
    const member = await addMember(org, "Member");
    const mark = double.requests.length;
    await inScope(org, async (scope) => { afterSeatChange(scope); });
    const update = since(mark).find((r) => r.method === "POST")!;
    expect(update).toMatchObject({ path: `/v1/subscriptions/${subscriptionId}`, params: { items: [{ quantity: "2" }], proration_behavior: "create_prorations" }, idempotencyKey: expect.stringMatching(/^parley-seats-/) });
    expect((await callerAs(org.owner, org.slug).billing.overview()).subscription).toMatchObject({ quantity: 2 });

    await ownerPool().query(`UPDATE memberships SET status = 'deactivated' WHERE user_id = $1`, [member.id]);
    await inScope(org, async (scope) => { afterSeatChange(scope); });
    expect((double.subscriptions.get(subscriptionId)!.items as { data: { quantity: number }[] }).data[0]!.quantity).toBe(1);
    // No change in the count: no call.
    const quiet = double.requests.length;
    await inScope(org, async (scope) => { afterSeatChange(scope); });
    expect(since(quiet).filter((r) => r.method === "POST")).toEqual([]);
  });

  it("does nothing on rollback, without a subscription, or without Stripe", async () => {
    const free = await createOrgWithOwner("bill-seats-none");
    await addMember(free, "Member");
    let mark = double.requests.length;
    await inScope(free, async (scope) => { afterSeatChange(scope); });
    expect(since(mark)).toEqual([]);

    const paid = await createOrgWithOwner("bill-seats-rollback");
    await subscribe(double, paid);
    await addMember(paid, "Member");
    mark = double.requests.length;
    await expect(inScope(paid, async (scope) => { afterSeatChange(scope); throw new Error("rolled back"); })).rejects.toThrow("rolled back");
    await withBillingOff(() => inScope(paid, async (scope) => { afterSeatChange(scope); }));
    expect(since(mark)).toEqual([]);
  });
});

describe("monthly limits", () => {
  it("refuses a lead beyond the plan's monthly limit, naming it and the upgrade link", async () => {
    const org = await createOrgWithOwner("bill-leads");
    const api = callerAs(org.owner, org.slug);
    await setLimits(org, { leads: 2 });
    await api.leads.create({ companyName: "One" });
    await api.leads.create({ companyName: "Two" });
    await expect(api.leads.create({ companyName: "Three" })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: `Your Free plan includes 2 new leads a month, and this month's are used. Upgrade your plan for more: /${org.slug}/settings/billing`,
    });
    // The refused lead left nothing behind (its company included).
    const { rows } = await ownerPool().query(`SELECT count(*)::int AS n FROM companies WHERE organization_id = $1 AND name = 'Three'`, [org.orgId]);
    expect(rows[0].n).toBe(0);
    expect((await api.billing.overview()).usage.leads).toEqual({ used: 2, limit: 2 });
  });

  it("lets only one of two simultaneous leads take the last one", async () => {
    const org = await createOrgWithOwner("bill-leads-race");
    const api = callerAs(org.owner, org.slug);
    await setLimits(org, { leads: 1 });
    const outcomes = await Promise.allSettled([api.leads.create({ companyName: "Racer A" }), api.leads.create({ companyName: "Racer B" })]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect((await api.leads.list({})).items).toHaveLength(1);
  });

  it("imports up to the limit and rejects the rows beyond it with the reason, instead of failing the import", async () => {
    const org = await createOrgWithOwner("bill-import");
    const api = callerAs(org.owner, org.slug);
    await setLimits(org, { leads: 3 });
    await api.leads.create({ companyName: "Already Here" });
    const token = randomBytes(16).toString("hex");
    await mkdir(path.dirname(stagedPath(token)), { recursive: true });
    await writeFile(stagedPath(token), "Company\nAlpha Co\nBravo Co\nAlready Here\nCharlie Co\nDelta Co\n");
    const { id } = await api.imports.create({ resource: "leads", fileName: "five.csv", uploadToken: token });
    await api.imports.start({ id, mapping: { companyName: "Company" }, duplicateStrategy: "skip" });
    // The import's pg-boss job, run right here (this file starts no workers).
    await runImport({ importId: id, orgId: org.orgId, userId: org.owner.id }, (await api.imports.get({ id })).jobId!);
    const imp = await api.imports.get({ id });
    expect(imp).toMatchObject({ status: "completed", createdCount: 2, skippedCount: 1, rejectedCount: 2 });
    const rejects = await api.imports.rejects({ id });
    expect(rejects.map((r) => r.rowNumber)).toEqual([5, 6]);
    expect(rejects[0]!.reason).toBe(`Lead limit reached. Your Free plan includes 3 new leads a month, and this month's are used. Upgrade your plan for more: /${org.slug}/settings/billing`);
    expect((await api.billing.overview()).usage.leads).toEqual({ used: 3, limit: 3 });
  });

  it("does not count or limit the platform's own work (the demo seed)", async () => {
    const org = await createOrgWithOwner("bill-unmetered");
    const api = callerAs(org.owner, org.slug);
    await setLimits(org, { leads: 1 });
    await unmetered(async () => {
      await api.leads.create({ companyName: "Seeded One" });
      await api.leads.create({ companyName: "Seeded Two" });
    });
    expect((await api.billing.overview()).usage.leads).toEqual({ used: 0, limit: 1 });
    await api.leads.create({ companyName: "Mine" });
    await expect(api.leads.create({ companyName: "One too many" })).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
  });

  it("counts AI calls and refuses past the plan's limit (the check the AI feature will call)", async () => {
    const org = await createOrgWithOwner("bill-ai");
    await setLimits(org, { ai: 3 });
    await inScope(org, (scope) => consumeAiCalls(scope, 2));
    await expect(inScope(org, (scope) => aiCallAllowance(scope))).resolves.toEqual({ used: 2, limit: 3, remaining: 1 });
    await expect(inScope(org, (scope) => consumeAiCalls(scope, 2))).rejects.toMatchObject({ code: "PRECONDITION_FAILED", message: expect.stringContaining("3 AI calls a month") });
    await inScope(org, (scope) => consumeAiCalls(scope, 1));
    await expect(inScope(org, (scope) => consumeAiCalls(scope))).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
    expect((await callerAs(org.owner, org.slug).billing.overview()).usage.aiCalls).toEqual({ used: 3, limit: 3 });
  });
});

describe("self-hosted (no STRIPE_SECRET_KEY)", () => {
  it("enforces no limits, keeps counting, never goes read-only, and refuses billing actions plainly", async () => {
    const org = await createOrgWithOwner("bill-selfhosted");
    const api = callerAs(org.owner, org.slug);
    await setLimits(org, { leads: 1, ai: 0 });
    await ownerPool().query(`UPDATE organizations SET subscription_status = 'past_due' WHERE id = $1`, [org.orgId]);
    await withBillingOff(async () => {
      await api.leads.create({ companyName: "Unlimited One" });
      await api.leads.create({ companyName: "Unlimited Two" });
      await inScope(org, (scope) => consumeAiCalls(scope, 5));
      const overview = await api.billing.overview();
      expect(overview).toMatchObject({ enabled: false, readOnly: null, usage: { leads: { used: 2, limit: null }, aiCalls: { used: 5, limit: null }, seats: { used: 1, limit: null } } });
      await expect(api.billing.checkout({ plan: "starter", interval: "month" })).rejects.toMatchObject({ code: "PRECONDITION_FAILED", message: expect.stringContaining("self-hosted") });
    });
  });
});

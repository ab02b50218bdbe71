import { expect, test } from "@playwright/test";
import { type StripeDouble, startStripeDouble } from "../test/helpers/stripe-server";
import { signUp } from "./helpers";
import { STRIPE_DOUBLE_PORT, STRIPE_WEBHOOK_SECRET } from "./stripe-env";

// Stripe is never reachable here: the app server talks to this double (playwright.config.ts
// points it here), and the test delivers Stripe's webhooks itself, signed, as Stripe would.
let stripe: StripeDouble;
test.beforeAll(async () => { stripe = await startStripeDouble({ port: STRIPE_DOUBLE_PORT, webhookSecret: STRIPE_WEBHOOK_SECRET }); });
test.afterAll(async () => { await stripe?.close(); });

const meter = (page: import("@playwright/test").Page, name: string) => page.getByRole("meter", { name });

test("an owner upgrades a fresh organization through Checkout; the plan and limits follow Stripe's webhook", async ({ page, request }) => {
  test.setTimeout(120_000);
  const { slug } = await signUp(page);

  // The public pricing page, from the one plan definition.
  await page.goto("/pricing");
  await expect(page.getByRole("heading", { name: "Simple per-seat pricing" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Pro", level: 2 })).toBeVisible();
  await page.getByRole("link", { name: /Yearly/ }).click();
  await expect(page).toHaveURL(/billing=yearly/);
  await page.screenshot({ path: "/tmp/billing-pricing.png", fullPage: true });

  // The billing page on Free: plan, usage meters against the Free limits.
  await page.goto(`/${slug}`);
  await page.getByRole("navigation", { name: "Product" }).getByRole("link", { name: "Billing" }).click();
  await expect(page.getByRole("heading", { name: "Billing", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Free", level: 2 })).toBeVisible();
  await expect(meter(page, "Seats (active members)")).toHaveAttribute("aria-valuetext", "1 of 5");
  await expect(meter(page, "New leads this month")).toHaveAttribute("aria-valuetext", "0 of 500");
  await page.screenshot({ path: "/tmp/billing-free.png", fullPage: true });

  // Upgrade: Starter, billed yearly, through Stripe Checkout.
  await page.getByText("Yearly").click();
  await page.getByRole("button", { name: "Upgrade to Starter" }).click();
  await expect(page).toHaveURL(new RegExp(`127\\.0\\.0\\.1:${STRIPE_DOUBLE_PORT}/checkout/cs_test_`));
  await expect(page.getByText("price_starter_year × 1 seat(s)")).toBeVisible();
  await page.getByRole("button", { name: "Pay and subscribe" }).click();

  // Back in Parley before the webhook: the page says it is confirming, and waits.
  await expect(page).toHaveURL(new RegExp(`/${slug}/settings/billing\\?checkout=success`));
  await expect(page.getByRole("status").filter({ hasText: "Confirming your new plan" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Free", level: 2 })).toBeVisible();
  await page.screenshot({ path: "/tmp/billing-pending.png", fullPage: true });

  // Stripe delivers the events (one of them twice, as it may); the page updates by itself.
  const events = stripe.takeEvents();
  expect(events.map((e) => e.type)).toEqual(["checkout.session.completed", "customer.subscription.created"]);
  for (const event of [...events, events[1]!]) {
    const payload = JSON.stringify(event);
    const response = await request.post("/api/stripe/webhook", { headers: { "content-type": "application/json", "stripe-signature": stripe.signature(payload) }, data: payload });
    expect(response.status()).toBe(200);
  }
  const forged = await request.post("/api/stripe/webhook", { headers: { "content-type": "application/json", "stripe-signature": "t=1,v1=forged" }, data: JSON.stringify(events[0]) });
  expect(forged.status()).toBe(400);

  await expect(page.getByRole("heading", { name: "Starter", level: 2 })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText("You're on Starter. Thank you!")).toBeVisible();
  await expect(meter(page, "Seats (active members)")).toHaveAttribute("aria-valuetext", "1 of 10");
  await expect(meter(page, "New leads this month")).toHaveAttribute("aria-valuetext", "0 of 2,500");
  await expect(meter(page, "AI calls this month")).toHaveAttribute("aria-valuetext", "0 of 250");
  await expect(page.getByText(/\$144 per seat per year × 1 seat = \$144 per year/)).toBeVisible();
  await expect(page.getByText(/^Renews on /)).toBeVisible();
  await page.screenshot({ path: "/tmp/billing-starter.png", fullPage: true });

  // Payment methods and invoices: Stripe's Customer Portal, and back.
  await page.getByRole("button", { name: "Manage payment methods & invoices" }).click();
  await expect(page.getByRole("heading", { name: "Test billing portal" })).toBeVisible();
  await page.getByRole("link", { name: "Return to Parley" }).click();
  await expect(page.getByRole("heading", { name: "Billing", level: 1 })).toBeVisible();

  // Cancel at the end of the period, then resume.
  await page.getByRole("button", { name: "Cancel plan" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Cancel at period end" }).click();
  await expect(page.getByText("Cancels at period end")).toBeVisible();
  await expect(page.getByText(/^Ends on .* it will not renew\.$/)).toBeVisible();
  await page.getByRole("button", { name: "Resume plan" }).click();
  await expect(page.getByText(/^Renews on /)).toBeVisible();

  // A failed renewal: the organization turns read-only, with a banner that leads to billing.
  const subscriptionId = (events[1]!.data.object as { id: string }).id;
  stripe.mutateSubscription(subscriptionId, (s) => { s.status = "past_due"; });
  const failed = stripe.event("invoice.payment_failed", { id: "in_e2e", object: "invoice", hosted_invoice_url: "https://invoice.stripe.test/in_e2e", parent: { subscription_details: { subscription: subscriptionId } } });
  const payload = JSON.stringify(failed);
  expect((await request.post("/api/stripe/webhook", { headers: { "content-type": "application/json", "stripe-signature": stripe.signature(payload) }, data: payload })).status()).toBe(200);
  await page.goto(`/${slug}/leads/new`);
  const banner = page.getByRole("alert").filter({ hasText: "read-only because its latest payment failed" });
  await expect(banner).toBeVisible();
  await page.screenshot({ path: "/tmp/billing-readonly.png", fullPage: true });
  await banner.getByRole("link", { name: "Go to billing" }).click();
  await expect(page.getByRole("heading", { name: "Billing", level: 1 })).toBeVisible();
  await expect(page.getByText("Payment past due")).toBeVisible();

  // On a phone.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await page.screenshot({ path: "/tmp/billing-mobile.png", fullPage: true });
});

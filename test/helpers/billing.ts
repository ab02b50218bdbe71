// Billing on, against the local Stripe double: env for the app's Stripe client and prices,
// webhook delivery straight to the route handler, and a paid subscription in one call.
import type Stripe from "stripe";
import { POST as webhookRoute } from "@/app/api/stripe/webhook/route";
import { type TestOrg, callerAs } from "./fixtures";
import { type StripeDouble, startStripeDouble } from "./stripe-server";

export const TEST_PRICES: Record<string, string> = {
  STRIPE_PRICE_STARTER_MONTHLY: "price_starter_month",
  STRIPE_PRICE_STARTER_YEARLY: "price_starter_year",
  STRIPE_PRICE_PRO_MONTHLY: "price_pro_month",
  STRIPE_PRICE_PRO_YEARLY: "price_pro_year",
  STRIPE_PRICE_ENTERPRISE_MONTHLY: "price_enterprise_month",
  STRIPE_PRICE_ENTERPRISE_YEARLY: "price_enterprise_year",
};

/** Starts the double and turns billing on; `stop` puts the environment back. */
export async function billingOn(): Promise<{ double: StripeDouble; stop: () => Promise<void> }> {
  const double = await startStripeDouble();
  const env = { ...double.env(), ...TEST_PRICES, NEXTAUTH_URL: "http://parley.test" };
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  return {
    double,
    async stop() {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      await double.close();
    },
  };
}

/** Runs `fn` with billing off (no STRIPE_SECRET_KEY), then turns it back on. */
export async function withBillingOff<T>(fn: () => Promise<T>): Promise<T> {
  const key = process.env.STRIPE_SECRET_KEY;
  delete process.env.STRIPE_SECRET_KEY;
  try {
    return await fn();
  } finally {
    if (key !== undefined) process.env.STRIPE_SECRET_KEY = key;
  }
}

export interface Delivery { status: number; body: Record<string, unknown> }

/** POSTs a signed event (or any body) to the webhook route, as Stripe would. */
export async function deliver(double: StripeDouble, event: Stripe.Event | string, opts: { timestamp?: number; secret?: string; signature?: string | null } = {}): Promise<Delivery> {
  const payload = typeof event === "string" ? event : JSON.stringify(event);
  const headers: Record<string, string> = { "content-type": "application/json" };
  const signature = opts.signature === undefined ? double.signature(payload, opts) : opts.signature;
  if (signature !== null) headers["stripe-signature"] = signature;
  const response = await webhookRoute(new Request("http://parley.test/api/stripe/webhook", { method: "POST", headers, body: payload }));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Checkout through the app, "paid" at the double, and the two webhook events delivered. */
export async function subscribe(double: StripeDouble, org: TestOrg, plan: "starter" | "pro" | "enterprise" = "starter", interval: "month" | "year" = "month") {
  const { url } = await callerAs(org.owner, org.slug).billing.checkout({ plan, interval });
  const sessionId = url.split("/").pop()!;
  const { subscription, events } = double.completeCheckout(sessionId);
  for (const event of events) {
    const result = await deliver(double, event);
    if (result.status !== 200) throw new Error(`webhook ${event.type}: ${result.status} ${JSON.stringify(result.body)}`);
  }
  return { sessionId, subscriptionId: subscription.id as string, events };
}

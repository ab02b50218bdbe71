// Billing is on when STRIPE_SECRET_KEY is set. Without it Parley runs self-hosted: no plan
// limits are enforced, and the billing and pricing pages say so. Everything is read from the
// environment on each call, so tests can switch billing on and off.
import Stripe from "stripe";

export function billingEnabled(): boolean {
  return !!process.env.STRIPE_SECRET_KEY?.trim();
}

export function webhookSecret(): string | null {
  return process.env.STRIPE_WEBHOOK_SECRET?.trim() || null;
}

/** How old a webhook signature may be (seconds): Stripe's own default tolerance. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

let cached: { signature: string; client: Stripe } | null = null;

/**
 * The Stripe client. STRIPE_API_HOST / STRIPE_API_PORT / STRIPE_API_PROTOCOL point it
 * somewhere other than api.stripe.com (tests and e2e use a local double); never set them in
 * production.
 */
export function stripe(): Stripe {
  const key = process.env.STRIPE_SECRET_KEY?.trim();
  if (!key) throw new Error("Stripe is not configured (STRIPE_SECRET_KEY)");
  const host = process.env.STRIPE_API_HOST?.trim() || undefined;
  const port = process.env.STRIPE_API_PORT ? Number(process.env.STRIPE_API_PORT) : undefined;
  const protocol = process.env.STRIPE_API_PROTOCOL === "http" ? "http" : undefined;
  const retries = Number(process.env.STRIPE_MAX_NETWORK_RETRIES ?? 2);
  const signature = JSON.stringify([key, host, port, protocol, retries]);
  if (cached?.signature !== signature) {
    cached = {
      signature,
      client: new Stripe(key, {
        ...(host ? { host } : {}),
        ...(port ? { port } : {}),
        ...(protocol ? { protocol } : {}),
        maxNetworkRetries: retries,
        timeout: 10_000,
        telemetry: false,
        appInfo: { name: "Parley" },
      }),
    };
  }
  return cached.client;
}

/** The public address of the app (Checkout and the portal send the customer back here). */
export function appBaseUrl(): string {
  return (process.env.NEXTAUTH_URL || `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/+$/, "");
}

// Billing in the end-to-end run: the app server talks to a local Stripe double
// (test/helpers/stripe-server.ts) that e2e/billing.spec.ts starts on this port, and accepts
// webhooks signed with this secret. Other specs never reach Stripe: a new organization is on
// Free with no subscription, so nothing calls it.
const e2ePort = Number(process.env.E2E_PORT ?? 3100);

export const STRIPE_DOUBLE_PORT = Number(process.env.E2E_STRIPE_PORT ?? e2ePort + 9000);
export const STRIPE_WEBHOOK_SECRET = "whsec_parley_e2e";

export const STRIPE_E2E_ENV: Record<string, string> = {
  STRIPE_SECRET_KEY: "sk_test_parley_e2e",
  STRIPE_WEBHOOK_SECRET,
  STRIPE_API_HOST: "127.0.0.1",
  STRIPE_API_PORT: String(STRIPE_DOUBLE_PORT),
  STRIPE_API_PROTOCOL: "http",
  STRIPE_MAX_NETWORK_RETRIES: "0",
  STRIPE_PRICE_STARTER_MONTHLY: "price_starter_month",
  STRIPE_PRICE_STARTER_YEARLY: "price_starter_year",
  STRIPE_PRICE_PRO_MONTHLY: "price_pro_month",
  STRIPE_PRICE_PRO_YEARLY: "price_pro_year",
  STRIPE_PRICE_ENTERPRISE_MONTHLY: "price_enterprise_month",
  STRIPE_PRICE_ENTERPRISE_YEARLY: "price_enterprise_year",
};

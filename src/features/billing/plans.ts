// The plans, defined once: names, per-seat prices, limits and features. The pricing page, the
// billing page, Stripe Checkout and the webhook all read this file; Stripe's price ids come
// from the environment (STRIPE_PRICE_<PLAN>_<MONTHLY|YEARLY>, see .env.example).
// Pure data and helpers: safe to import from client components (price ids are read on the
// server only, through stripePriceId / planForStripePrice).
import { z } from "zod";

export const PLAN_IDS = ["free", "starter", "pro", "enterprise"] as const;
export const planIdSchema = z.enum(PLAN_IDS);
export type PlanId = z.infer<typeof planIdSchema>;

export const INTERVALS = ["month", "year"] as const;
export const intervalSchema = z.enum(INTERVALS);
export type BillingInterval = z.infer<typeof intervalSchema>;

/** The database's subscription_tier enum: "Pro" is stored as professional. */
export type SubscriptionTier = "free" | "starter" | "professional" | "enterprise";

export const FEATURES = {
  pipelines: "Pipelines and deal board",
  import_export: "CSV import and export",
  lead_scoring: "Explained lead scores",
  sales_dashboard: "Sales dashboard",
  multiple_pipelines: "Multiple pipelines",
  custom_roles: "Custom roles",
  audit_log: "Audit log",
  api_access: "API keys",
  ai_assistant: "AI assistant",
  sso: "Single sign-on",
  priority_support: "Priority support",
} as const;
export type FeatureKey = keyof typeof FEATURES;

export interface PlanLimits {
  maxUsers: number;
  maxLeadsPerMonth: number;
  maxAiCallsPerMonth: number;
}

export interface Plan {
  id: PlanId;
  name: string;
  tier: SubscriptionTier;
  tagline: string;
  /** Whole cents per seat: per month when billed monthly, per year when billed yearly. */
  pricePerSeat: Record<BillingInterval, number>;
  limits: PlanLimits;
  features: FeatureKey[];
  /** Environment variables holding this plan's Stripe price ids; null for Free. */
  stripePriceEnv: Record<BillingInterval, string> | null;
}

const CORE: FeatureKey[] = ["pipelines", "import_export", "lead_scoring"];

export const PLANS: readonly Plan[] = [
  {
    id: "free",
    name: "Free",
    tier: "free",
    tagline: "For a small team getting its pipeline in order.",
    pricePerSeat: { month: 0, year: 0 },
    // The database's defaults for a new organization are these limits.
    limits: { maxUsers: 5, maxLeadsPerMonth: 500, maxAiCallsPerMonth: 50 },
    features: CORE,
    stripePriceEnv: null,
  },
  {
    id: "starter",
    name: "Starter",
    tier: "starter",
    tagline: "For growing teams that sell every day.",
    pricePerSeat: { month: 1_500, year: 14_400 },
    limits: { maxUsers: 10, maxLeadsPerMonth: 2_500, maxAiCallsPerMonth: 250 },
    features: [...CORE, "sales_dashboard", "multiple_pipelines"],
    stripePriceEnv: { month: "STRIPE_PRICE_STARTER_MONTHLY", year: "STRIPE_PRICE_STARTER_YEARLY" },
  },
  {
    id: "pro",
    name: "Pro",
    tier: "professional",
    tagline: "For sales teams with managers, roles and reporting.",
    pricePerSeat: { month: 3_900, year: 37_200 },
    limits: { maxUsers: 50, maxLeadsPerMonth: 10_000, maxAiCallsPerMonth: 2_000 },
    features: [...CORE, "sales_dashboard", "multiple_pipelines", "custom_roles", "audit_log", "api_access", "ai_assistant"],
    stripePriceEnv: { month: "STRIPE_PRICE_PRO_MONTHLY", year: "STRIPE_PRICE_PRO_YEARLY" },
  },
  {
    id: "enterprise",
    name: "Enterprise",
    tier: "enterprise",
    tagline: "For large organizations with security and scale needs.",
    pricePerSeat: { month: 7_900, year: 75_600 },
    limits: { maxUsers: 1_000, maxLeadsPerMonth: 100_000, maxAiCallsPerMonth: 20_000 },
    features: Object.keys(FEATURES) as FeatureKey[],
    stripePriceEnv: { month: "STRIPE_PRICE_ENTERPRISE_MONTHLY", year: "STRIPE_PRICE_ENTERPRISE_YEARLY" },
  },
];

export const FREE_PLAN = PLANS[0]!;

export function getPlan(id: PlanId): Plan {
  return PLANS.find((p) => p.id === id)!;
}

export function planForTier(tier: SubscriptionTier): Plan {
  return PLANS.find((p) => p.tier === tier) ?? FREE_PLAN;
}

/** A plan's rank, to tell an upgrade from a downgrade. */
export const planRank = (id: PlanId) => PLAN_IDS.indexOf(id);

/** The organization columns a plan sets (organizations.max_* and features). */
export function planColumns(plan: Plan) {
  return {
    subscriptionTier: plan.tier,
    maxUsers: plan.limits.maxUsers,
    maxLeadsPerMonth: plan.limits.maxLeadsPerMonth,
    maxAiCallsPerMonth: plan.limits.maxAiCallsPerMonth,
    features: Object.fromEntries(plan.features.map((f) => [f, true])) as Record<string, boolean>,
  };
}

/** "$15", "$1,234.50": whole dollars unless there are cents. */
export function formatCents(cents: number, currency = "USD"): string {
  return new Intl.NumberFormat("en-US", {
    style: "currency", currency, minimumFractionDigits: cents % 100 === 0 ? 0 : 2, maximumFractionDigits: 2,
  }).format(cents / 100);
}

/** What one seat costs per month on this billing interval (yearly shown as its monthly share). */
export const monthlyPerSeat = (plan: Plan, interval: BillingInterval) =>
  interval === "year" ? Math.round(plan.pricePerSeat.year / 12) : plan.pricePerSeat.month;

/** How much cheaper yearly billing is than twelve months, in whole percent. */
export function yearlySavingPercent(plan: Plan): number {
  if (!plan.pricePerSeat.month) return 0;
  return Math.round((1 - plan.pricePerSeat.year / (plan.pricePerSeat.month * 12)) * 100);
}

// ------------------------------------------------------------------ Stripe price ids (server)

export function stripePriceId(plan: Plan, interval: BillingInterval, env: Record<string, string | undefined> = process.env): string | null {
  const name = plan.stripePriceEnv?.[interval];
  return (name && env[name]?.trim()) || null;
}

/** The plan and interval a Stripe price id belongs to, by the configured ids. */
export function planForStripePrice(priceId: string | null | undefined, env: Record<string, string | undefined> = process.env): { plan: Plan; interval: BillingInterval } | null {
  if (!priceId) return null;
  for (const plan of PLANS) {
    for (const interval of INTERVALS) {
      if (stripePriceId(plan, interval, env) === priceId) return { plan, interval };
    }
  }
  return null;
}

-- Billing with Stripe: each organization's subscription as Stripe last reported it, monthly
-- usage counters for the plan limits, and the Stripe webhook events already processed.
-- The plan's tier, status, expiry and limits stay on organizations (seed 002's columns); the
-- plans themselves are defined in code (src/features/billing/plans.ts), not in a table.

-- An organization without a paid plan is simply active on Free; 'trialing' is Stripe's word
-- for a paid subscription in its trial, which a new organization does not have.
ALTER TABLE organizations ALTER COLUMN subscription_status SET DEFAULT 'active';
UPDATE organizations SET subscription_status = 'active'
WHERE subscription_tier = 'free' AND subscription_status = 'trialing' AND stripe_customer_id IS NULL;

CREATE TYPE billing_interval AS ENUM ('month', 'year');

-- One row per organization: its current (or last) Stripe subscription. Written only by the
-- system role (src/server/db/system.ts: webhooks and the billing actions' results); members
-- with billing:read see it through RLS.
CREATE TABLE billing_subscriptions (
  id uuid PRIMARY KEY DEFAULT uuid_v7(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  stripe_subscription_id varchar(255) NOT NULL,
  stripe_customer_id varchar(255) NOT NULL,
  stripe_price_id varchar(255),
  stripe_item_id varchar(255),
  tier subscription_tier NOT NULL,
  billing_interval billing_interval NOT NULL DEFAULT 'month',
  status subscription_status NOT NULL,
  quantity integer NOT NULL DEFAULT 1 CHECK (quantity >= 0),
  current_period_start timestamptz,
  current_period_end timestamptz,
  cancel_at_period_end boolean NOT NULL DEFAULT false,
  cancel_at timestamptz,
  canceled_at timestamptz,
  ended_at timestamptz,
  trial_end timestamptz,
  -- The last invoice outcome: set by invoice.payment_failed, cleared by invoice.paid.
  last_payment_failed_at timestamptz,
  last_invoice_url varchar(2048),
  payment_event_at timestamptz,
  -- When the Stripe state above was read: an older read never overwrites a newer one.
  synced_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX billing_subscriptions_organization_id_id_key ON billing_subscriptions (organization_id, id);
CREATE UNIQUE INDEX billing_subscriptions_organization_id_key ON billing_subscriptions (organization_id);
CREATE INDEX billing_subscriptions_stripe_subscription_id_idx ON billing_subscriptions (stripe_subscription_id);
SELECT parley_enable_tenant_rls('billing_subscriptions');
-- Tenant code reads its subscription; only Stripe's word (through system.ts) changes it.
REVOKE INSERT, UPDATE, DELETE ON billing_subscriptions FROM parley_app;
CREATE TRIGGER billing_subscriptions_set_updated_at BEFORE UPDATE ON billing_subscriptions FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- Usage per calendar month (UTC) for the plan limits: leads created, AI calls made. A counter
-- row is locked while a change that adds to it runs, so two at once cannot pass the limit.
CREATE TABLE usage_counters (
  id uuid PRIMARY KEY DEFAULT uuid_v7(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  metric varchar(30) NOT NULL CHECK (metric IN ('leads', 'ai_calls')),
  period_start date NOT NULL,
  count integer NOT NULL DEFAULT 0 CHECK (count >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX usage_counters_organization_id_id_key ON usage_counters (organization_id, id);
CREATE UNIQUE INDEX usage_counters_organization_id_metric_period_start_key ON usage_counters (organization_id, metric, period_start);
SELECT parley_enable_tenant_rls('usage_counters');
CREATE TRIGGER usage_counters_set_updated_at BEFORE UPDATE ON usage_counters FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- Stripe webhook events already processed (global: an event is Stripe's, found before any
-- organization is). The row is inserted in the same transaction as the event's effect, so a
-- redelivered event, even one arriving at the same moment, is applied exactly once.
CREATE TABLE stripe_events (
  event_id varchar(255) PRIMARY KEY,
  type varchar(100) NOT NULL,
  stripe_created_at timestamptz NOT NULL,
  outcome varchar(500) NOT NULL DEFAULT 'processing',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX stripe_events_created_at_idx ON stripe_events (created_at DESC);
GRANT SELECT, INSERT, UPDATE ON stripe_events TO parley_system;

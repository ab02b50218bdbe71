-- A Stripe webhook event is claimed in a committed row before Stripe is asked about it, so no
-- transaction stays open while Stripe answers (src/server/db/system/billing.ts): claimed_at
-- dates the claim of the delivery processing it (outcome 'processing'); a claim older than its
-- lease was left by a delivery that died, and the next delivery takes it over. A delivery that
-- fails deletes its claim, so Stripe's retry processes the event afresh.
ALTER TABLE stripe_events ADD COLUMN claimed_at timestamptz;
GRANT DELETE ON stripe_events TO parley_system;

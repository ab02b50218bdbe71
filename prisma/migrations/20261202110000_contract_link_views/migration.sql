-- A signing link counts every time the client opens it, as a proposal link does: reps follow up
-- differently on a contract opened five times than on one opened once. viewed_at stays the first.
ALTER TABLE contract_links
  ADD COLUMN view_count integer NOT NULL DEFAULT 0 CHECK (view_count >= 0),
  ADD COLUMN last_viewed_at timestamptz;
UPDATE contract_links SET view_count = 1, last_viewed_at = viewed_at WHERE viewed_at IS NOT NULL;

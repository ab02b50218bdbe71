-- Account security: email verification and change, password reset, TOTP two-factor
-- authentication with recovery codes, the second step of an OAuth sign-in, and an
-- organization's "require two-factor authentication" policy.
-- Verification tokens (their links) stay with the system role: every use is a named function
-- in src/server/db/system.ts. Recovery codes are the user's own rows, like sessions.

-- ---------------------------------------------------------------- two-factor state on the user
-- users.two_factor_secret (from the platform migration) holds the authenticator secret
-- encrypted with AES-256-GCM (src/server/auth/secret-box.ts), never the secret itself; while
-- two_factor_enabled is false it holds the secret of an enrolment not yet confirmed.
ALTER TABLE users
  ADD COLUMN two_factor_enabled_at timestamptz,
  -- The time step (unix seconds / 30) of the last code accepted: a code is never accepted twice.
  ADD COLUMN two_factor_last_step integer,
  ADD CONSTRAINT users_two_factor_needs_secret CHECK (NOT two_factor_enabled OR two_factor_secret IS NOT NULL);

-- ---------------------------------------------------------------- recovery codes (global, the user's own)
-- Ten single-use codes per enrolment, shown once. Only sha256(user id, code) is kept; the codes
-- carry 79 random bits, so the hash cannot be searched back to a code.
CREATE TABLE two_factor_recovery_codes (
  id uuid PRIMARY KEY DEFAULT uuid_v7(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  code_hash varchar(64) NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX two_factor_recovery_codes_user_id_code_hash_key ON two_factor_recovery_codes (user_id, code_hash);

ALTER TABLE two_factor_recovery_codes ENABLE ROW LEVEL SECURITY;
ALTER TABLE two_factor_recovery_codes FORCE ROW LEVEL SECURITY;
CREATE POLICY two_factor_recovery_codes_own ON two_factor_recovery_codes
  USING (user_id = NULLIF(current_setting('app.current_user_id', TRUE), '')::uuid)
  WITH CHECK (user_id = NULLIF(current_setting('app.current_user_id', TRUE), '')::uuid);
GRANT SELECT, INSERT, UPDATE, DELETE ON two_factor_recovery_codes TO parley_app, parley_system;

-- ---------------------------------------------------------------- tokens
-- An OAuth sign-in into an account with two-factor authentication on waits for the code: the
-- challenge that links the two steps is a single-use token like the others.
ALTER TYPE verification_purpose ADD VALUE IF NOT EXISTS 'two_factor_challenge';
-- Open tokens of one purpose for a user (resend, supersede, the pending email change).
CREATE INDEX verification_tokens_user_id_purpose_idx ON verification_tokens (user_id, purpose) WHERE consumed_at IS NULL;

-- ---------------------------------------------------------------- organization policy
-- When on, members without two-factor authentication are sent to set it up before they can
-- open the organization, and its API refuses them (src/server/api/trpc.ts).
ALTER TABLE organizations ADD COLUMN require_two_factor boolean NOT NULL DEFAULT false;


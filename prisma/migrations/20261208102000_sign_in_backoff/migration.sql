-- Sign-in throttling backs off instead of locking accounts (OWASP: throttle, don't hard-lock).
-- A counter row can now also say until when no further attempt is taken: used for emails that
-- have no account (so they answer exactly like accounts do) and for each known device's own
-- budget (src/server/auth/throttle.ts). Fixed-window counters leave it NULL.
ALTER TABLE auth_rate_limits ADD COLUMN wait_until timestamptz;

-- users.failed_login_attempts counts consecutive failures from unknown devices and
-- users.locked_until is the time before which their next attempt is refused (it no longer
-- locks the right password out from a known device).
COMMENT ON COLUMN users.locked_until IS 'Sign-in attempts from unknown devices are refused before this time (exponential backoff)';
COMMENT ON COLUMN users.failed_login_attempts IS 'Consecutive failed sign-in attempts from unknown devices';

-- The app role reads users by column, not by table. Its users_visible policy shows it the
-- signed-in person and every co-member of the current organization, so with table-wide SELECT
-- any tenant query (a stray `include: { user: true }`) could hand out co-members' password
-- hashes and sealed authenticator secrets. Now the database refuses: the columns below are all
-- it may read, and a column added to users later stays hidden from it until granted here.
-- The own credentials go through the functions of 20261202090000_own_credentials; sign-in
-- state and everything else stay with the system role (src/server/db/system.ts), unchanged.
REVOKE SELECT, UPDATE ON users FROM parley_app;

-- Withheld: password_hash, two_factor_secret, two_factor_last_step (credentials), and
-- failed_login_attempts, locked_until, last_login_ip (sign-in security state, the system
-- role's business).
GRANT SELECT (
  id, email, email_verified, first_name, last_name, full_name, avatar_url, phone, department, job_title,
  kind, status, is_super_admin, preferences, notification_settings, two_factor_enabled, two_factor_enabled_at,
  last_login_at, created_at, updated_at, deleted_at
) ON users TO parley_app;

-- What a person may change about themselves (the policy's WITH CHECK keeps it to their own
-- row); updated_at because Prisma sets it on every update. Email, status, kind, the super-admin
-- flag and two-factor state are not among them.
GRANT UPDATE (
  first_name, last_name, full_name, avatar_url, phone, department, job_title, preferences, notification_settings, updated_at
) ON users TO parley_app;

-- The signed-in person's own credentials: password hash, authenticator secret and last step.
-- The app role is to lose every privilege on those columns (20261202091000_users_column_privileges),
-- because the users_visible policy shows it every co-member's row too. What the account and
-- two-factor settings need goes through these functions instead: each one touches only the row
-- of app.current_user_id, so even a call from the wrong place reaches no one else's secrets.
-- They run inside the caller's transaction (a password change and the sessions it ends, a code
-- spent and the change it confirms, commit or roll back together). SECURITY DEFINER, so they
-- run as the migration owner: search_path is pinned and the table named with its schema, and
-- only the app role may call them.

CREATE FUNCTION parley_own_credentials()
RETURNS TABLE (password_hash varchar, two_factor_secret varchar, two_factor_last_step integer)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT u.password_hash, u.two_factor_secret, u.two_factor_last_step
  FROM public.users u
  WHERE u.id = NULLIF(current_setting('app.current_user_id', TRUE), '')::uuid
$$;

-- Only over the hash the caller verified the old password against: of two changes racing, one wins.
CREATE FUNCTION parley_set_own_password_hash(verified_hash text, new_hash text) RETURNS boolean
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
  WITH changed AS (
    UPDATE public.users u SET password_hash = new_hash
    WHERE u.id = NULLIF(current_setting('app.current_user_id', TRUE), '')::uuid AND u.password_hash = verified_hash
    RETURNING 1
  )
  SELECT EXISTS (SELECT 1 FROM changed)
$$;

-- Records an accepted authenticator code's time step; false when it (or a later one) was used already.
CREATE FUNCTION parley_spend_own_totp_step(step integer) RETURNS boolean
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
  WITH spent AS (
    UPDATE public.users u SET two_factor_last_step = step
    WHERE u.id = NULLIF(current_setting('app.current_user_id', TRUE), '')::uuid
      AND (u.two_factor_last_step IS NULL OR u.two_factor_last_step < step)
    RETURNING 1
  )
  SELECT EXISTS (SELECT 1 FROM spent)
$$;

-- A setup not yet confirmed: its sealed secret replaces any earlier one, never an enabled one.
CREATE FUNCTION parley_begin_own_two_factor(sealed_secret text) RETURNS boolean
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
  WITH started AS (
    UPDATE public.users u SET two_factor_secret = sealed_secret, two_factor_last_step = NULL
    WHERE u.id = NULLIF(current_setting('app.current_user_id', TRUE), '')::uuid AND NOT u.two_factor_enabled
    RETURNING 1
  )
  SELECT EXISTS (SELECT 1 FROM started)
$$;

-- Turns it on with the secret the first code was checked against (not one a parallel setup put there).
CREATE FUNCTION parley_enable_own_two_factor(sealed_secret text, step integer) RETURNS boolean
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
  WITH enabled AS (
    UPDATE public.users u SET two_factor_enabled = TRUE, two_factor_enabled_at = now(), two_factor_last_step = step
    WHERE u.id = NULLIF(current_setting('app.current_user_id', TRUE), '')::uuid
      AND NOT u.two_factor_enabled AND u.two_factor_secret = sealed_secret
    RETURNING 1
  )
  SELECT EXISTS (SELECT 1 FROM enabled)
$$;

CREATE FUNCTION parley_disable_own_two_factor() RETURNS boolean
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
  WITH disabled AS (
    UPDATE public.users u
    SET two_factor_enabled = FALSE, two_factor_secret = NULL, two_factor_enabled_at = NULL, two_factor_last_step = NULL
    WHERE u.id = NULLIF(current_setting('app.current_user_id', TRUE), '')::uuid AND u.two_factor_enabled
    RETURNING 1
  )
  SELECT EXISTS (SELECT 1 FROM disabled)
$$;

-- Functions are executable by PUBLIC unless revoked.
REVOKE ALL ON FUNCTION parley_own_credentials(), parley_set_own_password_hash(text, text), parley_spend_own_totp_step(integer),
  parley_begin_own_two_factor(text), parley_enable_own_two_factor(text, integer), parley_disable_own_two_factor() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION parley_own_credentials(), parley_set_own_password_hash(text, text), parley_spend_own_totp_step(integer),
  parley_begin_own_two_factor(text), parley_enable_own_two_factor(text, integer), parley_disable_own_two_factor() TO parley_app;

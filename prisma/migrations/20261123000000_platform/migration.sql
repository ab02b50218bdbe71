-- Platform: organizations, users and authentication, roles and permissions, memberships, audit.
-- Tenancy rules (shared/ARCHITECTURE.md): every tenant table carries organization_id NOT NULL,
-- UNIQUE (organization_id, id), composite foreign keys between tenant tables, unique indexes
-- that start with organization_id, and a forced RLS policy on app.current_org_id.

-- Database roles. Roles are cluster-wide, so create them only once; passwords and LOGIN are
-- set by the migration runner from configuration, never written in a migration.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'parley_app') THEN
    CREATE ROLE parley_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'parley_system') THEN
    CREATE ROLE parley_system NOLOGIN NOSUPERUSER BYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
  END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO parley_app, parley_system;

-- uuid v7 for rows written by SQL (Prisma generates v7 ids client-side); PostgreSQL 15 has no uuidv7().
CREATE FUNCTION uuid_v7() RETURNS uuid LANGUAGE sql VOLATILE AS $$
  SELECT encode(
    set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
      PLACING substring(int8send((extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
      FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid
$$;

CREATE FUNCTION set_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END
$$;

-- ---------------------------------------------------------------- organizations
CREATE TYPE subscription_tier AS ENUM ('free', 'starter', 'professional', 'enterprise');
CREATE TYPE subscription_status AS ENUM ('trialing', 'active', 'past_due', 'canceled', 'incomplete', 'incomplete_expired', 'unpaid', 'paused');

CREATE TABLE organizations (
  id uuid PRIMARY KEY DEFAULT uuid_v7(),
  name varchar(200) NOT NULL CHECK (length(btrim(name)) > 0),
  slug varchar(63) NOT NULL CHECK (slug ~ '^[a-z0-9]([a-z0-9-]*[a-z0-9])?$'),
  billing_email varchar(320),
  billing_address jsonb,
  stripe_customer_id varchar(255),
  subscription_tier subscription_tier NOT NULL DEFAULT 'free',
  subscription_status subscription_status NOT NULL DEFAULT 'trialing',
  subscription_expires_at timestamptz,
  max_users integer NOT NULL DEFAULT 5 CHECK (max_users >= 0),
  max_leads_per_month integer NOT NULL DEFAULT 500 CHECK (max_leads_per_month >= 0),
  max_ai_calls_per_month integer NOT NULL DEFAULT 50 CHECK (max_ai_calls_per_month >= 0),
  settings jsonb NOT NULL DEFAULT '{}',
  features jsonb NOT NULL DEFAULT '{}',
  is_active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX organizations_slug_key ON organizations (slug);
CREATE UNIQUE INDEX organizations_stripe_customer_id_key ON organizations (stripe_customer_id);
-- Organizations are the tenants themselves: the app role sees and edits only the current one.
ALTER TABLE organizations ENABLE ROW LEVEL SECURITY;
ALTER TABLE organizations FORCE ROW LEVEL SECURITY;
CREATE POLICY organizations_current ON organizations
  USING (id = NULLIF(current_setting('app.current_org_id', TRUE), '')::uuid)
  WITH CHECK (id = NULLIF(current_setting('app.current_org_id', TRUE), '')::uuid);
GRANT SELECT, UPDATE ON organizations TO parley_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON organizations TO parley_system;

-- ---------------------------------------------------------------- users (global)
CREATE TYPE user_status AS ENUM ('active', 'inactive', 'suspended', 'pending');
CREATE TYPE user_kind AS ENUM ('employee', 'agent', 'client', 'admin');

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT uuid_v7(),
  email varchar(320) NOT NULL CHECK (email = lower(email)),
  email_verified timestamptz,
  password_hash varchar(255),
  first_name varchar(100) NOT NULL,
  last_name varchar(100) NOT NULL DEFAULT '',
  full_name varchar(201) NOT NULL,
  avatar_url varchar(2048),
  phone varchar(50),
  department varchar(100),
  job_title varchar(100),
  kind user_kind NOT NULL DEFAULT 'employee',
  status user_status NOT NULL DEFAULT 'active',
  is_super_admin boolean NOT NULL DEFAULT false,
  preferences jsonb NOT NULL DEFAULT '{}',
  notification_settings jsonb NOT NULL DEFAULT '{}',
  two_factor_enabled boolean NOT NULL DEFAULT false,
  two_factor_secret varchar(255),
  last_login_at timestamptz,
  last_login_ip varchar(64),
  failed_login_attempts integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);
CREATE UNIQUE INDEX users_email_key ON users (email);

-- ---------------------------------------------------------------- sessions, oauth, tokens (global)
CREATE TABLE sessions (
  id uuid PRIMARY KEY DEFAULT uuid_v7(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  token_hash varchar(64) NOT NULL,
  refresh_token_hash varchar(64),
  ip_address varchar(64),
  user_agent text,
  expires_at timestamptz NOT NULL,
  last_used_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX sessions_token_hash_key ON sessions (token_hash);
CREATE UNIQUE INDEX sessions_refresh_token_hash_key ON sessions (refresh_token_hash);
CREATE INDEX sessions_user_id_idx ON sessions (user_id);

CREATE TABLE oauth_accounts (
  id uuid PRIMARY KEY DEFAULT uuid_v7(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  type varchar(50) NOT NULL,
  provider varchar(100) NOT NULL,
  provider_account_id varchar(255) NOT NULL,
  access_token text,
  refresh_token text,
  expires_at integer,
  token_type varchar(50),
  scope text,
  id_token text,
  session_state text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX oauth_accounts_provider_account_key ON oauth_accounts (provider, provider_account_id);
CREATE INDEX oauth_accounts_user_id_idx ON oauth_accounts (user_id);

CREATE TYPE verification_purpose AS ENUM ('email_verification', 'password_reset', 'invitation', 'email_change');

CREATE TABLE verification_tokens (
  id uuid PRIMARY KEY DEFAULT uuid_v7(),
  user_id uuid REFERENCES users (id) ON DELETE CASCADE,
  identifier varchar(320) NOT NULL,
  token_hash varchar(64) NOT NULL,
  purpose verification_purpose NOT NULL,
  expires_at timestamptz NOT NULL,
  consumed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX verification_tokens_token_hash_key ON verification_tokens (token_hash);
CREATE INDEX verification_tokens_user_id_idx ON verification_tokens (user_id);

-- What a user's account went through (sign-ins, lockouts, revoked sessions): their security log.
CREATE TABLE security_events (
  id uuid PRIMARY KEY DEFAULT uuid_v7(),
  user_id uuid REFERENCES users (id) ON DELETE CASCADE,
  event varchar(100) NOT NULL,
  ip_address varchar(64),
  user_agent text,
  details jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX security_events_user_id_created_at_idx ON security_events (user_id, created_at DESC);

-- Fixed-window counters for sign-in throttling (per IP, per email).
CREATE TABLE auth_rate_limits (
  key varchar(400) PRIMARY KEY,
  window_started_at timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 0
);

-- ---------------------------------------------------------------- permissions (global catalog)
CREATE TYPE permission_action AS ENUM ('read', 'write', 'delete', 'admin');

CREATE TABLE permissions (
  id uuid PRIMARY KEY DEFAULT uuid_v7(),
  name varchar(100) NOT NULL,
  resource varchar(50) NOT NULL,
  action permission_action NOT NULL,
  description text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX permissions_name_key ON permissions (name);
CREATE UNIQUE INDEX permissions_resource_action_key ON permissions (resource, action);

INSERT INTO permissions (name, resource, action, description)
SELECT r.resource || ':' || a.action, r.resource, a.action::permission_action,
       initcap(a.action) || ' ' || replace(r.resource, '_', ' ')
FROM (VALUES ('organization'), ('members'), ('roles'), ('billing'), ('audit_logs'), ('api_keys'),
             ('companies'), ('contacts'), ('leads'), ('interactions'), ('tasks'), ('pipelines'),
             ('opportunities'), ('products'), ('proposals'), ('contracts'), ('dashboards'),
             ('reports'), ('processes'), ('properties'), ('ai')) AS r (resource)
CROSS JOIN (VALUES ('read'), ('write'), ('delete'), ('admin')) AS a (action);

-- ---------------------------------------------------------------- roles, memberships (tenant)
CREATE TABLE roles (
  id uuid PRIMARY KEY DEFAULT uuid_v7(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  name varchar(100) NOT NULL CHECK (length(btrim(name)) > 0),
  description text,
  is_system boolean NOT NULL DEFAULT false,
  is_default boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX roles_organization_id_id_key ON roles (organization_id, id);
CREATE UNIQUE INDEX roles_organization_id_name_key ON roles (organization_id, name);

CREATE TABLE role_permissions (
  id uuid PRIMARY KEY DEFAULT uuid_v7(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  role_id uuid NOT NULL,
  permission_id uuid NOT NULL REFERENCES permissions (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (organization_id, role_id) REFERENCES roles (organization_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX role_permissions_organization_id_id_key ON role_permissions (organization_id, id);
CREATE UNIQUE INDEX role_permissions_organization_id_role_id_permission_id_key ON role_permissions (organization_id, role_id, permission_id);

CREATE TYPE membership_status AS ENUM ('active', 'deactivated');

CREATE TABLE memberships (
  id uuid PRIMARY KEY DEFAULT uuid_v7(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role_id uuid NOT NULL,
  status membership_status NOT NULL DEFAULT 'active',
  assigned_by uuid REFERENCES users (id) ON DELETE SET NULL,
  joined_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (organization_id, role_id) REFERENCES roles (organization_id, id) ON DELETE RESTRICT
);
CREATE UNIQUE INDEX memberships_organization_id_id_key ON memberships (organization_id, id);
CREATE UNIQUE INDEX memberships_organization_id_user_id_key ON memberships (organization_id, user_id);
CREATE INDEX memberships_user_id_idx ON memberships (user_id);
CREATE INDEX memberships_organization_id_role_id_idx ON memberships (organization_id, role_id);

-- ---------------------------------------------------------------- audit log (tenant, append-only)
CREATE TABLE audit_logs (
  id uuid PRIMARY KEY DEFAULT uuid_v7(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  action varchar(100) NOT NULL,
  resource_type varchar(100) NOT NULL,
  resource_id uuid,
  old_values jsonb,
  new_values jsonb,
  details jsonb NOT NULL DEFAULT '{}',
  ip_address varchar(64),
  user_agent text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX audit_logs_organization_id_id_key ON audit_logs (organization_id, id);
CREATE INDEX audit_logs_organization_id_created_at_idx ON audit_logs (organization_id, created_at DESC);
CREATE INDEX audit_logs_organization_id_resource_idx ON audit_logs (organization_id, resource_type, resource_id);
CREATE INDEX audit_logs_user_id_idx ON audit_logs (user_id);

-- ---------------------------------------------------------------- row-level security
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['roles', 'role_permissions', 'memberships', 'audit_logs'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY %I ON %I
      USING (organization_id = NULLIF(current_setting('app.current_org_id', TRUE), '')::uuid)
      WITH CHECK (organization_id = NULLIF(current_setting('app.current_org_id', TRUE), '')::uuid)$p$,
      t || '_tenant_isolation', t);
  END LOOP;
END
$$;

-- Global tables the app role may reach, each limited to what the signed-in user may see:
-- their own account and the people they share the current organization with.
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE users FORCE ROW LEVEL SECURITY;
CREATE POLICY users_visible ON users
  USING (id = NULLIF(current_setting('app.current_user_id', TRUE), '')::uuid
         OR EXISTS (SELECT 1 FROM memberships m
                    WHERE m.user_id = users.id
                      AND m.organization_id = NULLIF(current_setting('app.current_org_id', TRUE), '')::uuid))
  WITH CHECK (id = NULLIF(current_setting('app.current_user_id', TRUE), '')::uuid);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['sessions', 'oauth_accounts', 'verification_tokens', 'security_events'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY %I ON %I
      USING (user_id = NULLIF(current_setting('app.current_user_id', TRUE), '')::uuid)
      WITH CHECK (user_id = NULLIF(current_setting('app.current_user_id', TRUE), '')::uuid)$p$,
      t || '_own', t);
  END LOOP;
END
$$;

-- ---------------------------------------------------------------- triggers
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['organizations', 'users', 'sessions', 'oauth_accounts', 'roles', 'memberships'] LOOP
    EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE ON %I FOR EACH ROW EXECUTE FUNCTION set_updated_at()',
                   t || '_set_updated_at', t);
  END LOOP;
END
$$;

-- ---------------------------------------------------------------- grants
-- The app role gets only what tenant code needs; audit_logs is append-only for it.
GRANT SELECT, UPDATE ON users TO parley_app;
GRANT SELECT, UPDATE ON sessions TO parley_app;
GRANT SELECT, INSERT ON security_events TO parley_app;
GRANT SELECT ON permissions TO parley_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON roles, role_permissions, memberships TO parley_app;
GRANT SELECT, INSERT ON audit_logs TO parley_app;

GRANT SELECT, INSERT, UPDATE, DELETE ON users, sessions, oauth_accounts, verification_tokens,
  security_events, auth_rate_limits, roles, role_permissions, memberships, audit_logs TO parley_system;
GRANT SELECT ON permissions TO parley_system;

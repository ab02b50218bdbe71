-- Sales core, part 1: companies (accounts), contacts and their links, the user-visible
-- timeline, and saved list views. Tenancy as in the platform migration.

CREATE TYPE company_lifecycle AS ENUM ('prospect', 'customer', 'churned');
CREATE TYPE company_tier AS ENUM ('standard', 'silver', 'gold', 'platinum');
CREATE TYPE business_type AS ENUM ('sole_proprietorship', 'partnership', 'llc', 'corporation', 'nonprofit', 'government', 'other');
CREATE TYPE contact_type AS ENUM ('client', 'internal', 'vendor', 'partner');

CREATE TABLE companies (
  id uuid PRIMARY KEY DEFAULT uuid_v7(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  external_id varchar(255),
  name varchar(255) NOT NULL CHECK (length(btrim(name)) > 0),
  dba_name varchar(255),
  business_type business_type,
  lifecycle company_lifecycle NOT NULL DEFAULT 'prospect',
  -- seed 001's free-text "business phase", kept beside the lifecycle enum
  phase varchar(100),
  tier company_tier NOT NULL DEFAULT 'standard',
  industry varchar(100),
  phone varchar(50),
  email varchar(320),
  website varchar(2048),
  domain varchar(255),
  street_address varchar(255),
  city varchar(100),
  state varchar(100),
  zip_code varchar(20),
  country varchar(100),
  latitude numeric(9,6),
  longitude numeric(9,6),
  license_number varchar(100),
  license_state varchar(100),
  license_expiry date,
  years_in_business integer CHECK (years_in_business >= 0),
  employee_count integer CHECK (employee_count >= 0),
  annual_revenue numeric(15,2) CHECK (annual_revenue >= 0),
  currency char(3) NOT NULL DEFAULT 'USD',
  google_business_id varchar(255),
  google_rating numeric(2,1) CHECK (google_rating BETWEEN 0 AND 5),
  google_reviews_count integer CHECK (google_reviews_count >= 0),
  facebook_url varchar(2048),
  linkedin_url varchar(2048),
  instagram_url varchar(2048),
  logo_url varchar(2048),
  avatar_color varchar(20),
  onboarded_date date,
  contract_start_date date,
  contract_end_date date,
  owner_id uuid REFERENCES users (id) ON DELETE SET NULL,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  is_active boolean NOT NULL DEFAULT true,
  inactivated_at timestamptz,
  last_scraped_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (contract_end_date IS NULL OR contract_start_date IS NULL OR contract_end_date >= contract_start_date)
);
CREATE UNIQUE INDEX companies_organization_id_id_key ON companies (organization_id, id);
CREATE UNIQUE INDEX companies_organization_id_external_id_key ON companies (organization_id, external_id);
CREATE UNIQUE INDEX companies_organization_id_phone_key ON companies (organization_id, phone);
CREATE UNIQUE INDEX companies_organization_id_email_key ON companies (organization_id, email);
CREATE UNIQUE INDEX companies_organization_id_google_business_id_key ON companies (organization_id, google_business_id);
CREATE INDEX companies_organization_id_name_idx ON companies (organization_id, name);
CREATE INDEX companies_organization_id_domain_idx ON companies (organization_id, domain);
CREATE INDEX companies_organization_id_owner_id_idx ON companies (organization_id, owner_id);
CREATE INDEX companies_organization_id_lifecycle_idx ON companies (organization_id, lifecycle);

CREATE TABLE contacts (
  id uuid PRIMARY KEY DEFAULT uuid_v7(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  first_name varchar(100) NOT NULL CHECK (length(btrim(first_name)) > 0),
  last_name varchar(100) NOT NULL DEFAULT '',
  full_name varchar(201) NOT NULL,
  email varchar(320),
  phone varchar(50),
  title varchar(150),
  role varchar(150),
  type contact_type NOT NULL DEFAULT 'client',
  owner_id uuid REFERENCES users (id) ON DELETE SET NULL,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX contacts_organization_id_id_key ON contacts (organization_id, id);
CREATE INDEX contacts_organization_id_full_name_idx ON contacts (organization_id, full_name);
CREATE INDEX contacts_organization_id_email_idx ON contacts (organization_id, email);

-- A contact can work with several companies (seed 001's contact-customer assignments).
CREATE TABLE company_contacts (
  id uuid PRIMARY KEY DEFAULT uuid_v7(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  company_id uuid NOT NULL,
  contact_id uuid NOT NULL,
  is_primary boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (organization_id, company_id) REFERENCES companies (organization_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organization_id, contact_id) REFERENCES contacts (organization_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX company_contacts_organization_id_id_key ON company_contacts (organization_id, id);
CREATE UNIQUE INDEX company_contacts_organization_id_company_id_contact_id_key ON company_contacts (organization_id, company_id, contact_id);
CREATE INDEX company_contacts_organization_id_contact_id_idx ON company_contacts (organization_id, contact_id);

-- What people see happened to a record (seed 001 timeline events, seed 004 analytics events).
CREATE TABLE timeline_events (
  id uuid PRIMARY KEY DEFAULT uuid_v7(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  subject_type varchar(50) NOT NULL,
  subject_id uuid NOT NULL,
  event_type varchar(100) NOT NULL,
  title varchar(255) NOT NULL,
  description text,
  metadata jsonb NOT NULL DEFAULT '{}',
  actor_id uuid REFERENCES users (id) ON DELETE SET NULL,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX timeline_events_organization_id_id_key ON timeline_events (organization_id, id);
CREATE INDEX timeline_events_subject_idx ON timeline_events (organization_id, subject_type, subject_id, occurred_at DESC);

-- A user's saved filters and sort for a list (companies, contacts, ...).
CREATE TABLE saved_views (
  id uuid PRIMARY KEY DEFAULT uuid_v7(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  resource varchar(50) NOT NULL,
  name varchar(100) NOT NULL CHECK (length(btrim(name)) > 0),
  query jsonb NOT NULL DEFAULT '{}',
  is_default boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX saved_views_organization_id_id_key ON saved_views (organization_id, id);
CREATE UNIQUE INDEX saved_views_organization_id_user_id_resource_name_key ON saved_views (organization_id, user_id, resource, name);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['companies', 'contacts', 'company_contacts', 'timeline_events', 'saved_views'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY %I ON %I
      USING (organization_id = (SELECT NULLIF(current_setting('app.current_org_id', TRUE), '')::uuid))
      WITH CHECK (organization_id = (SELECT NULLIF(current_setting('app.current_org_id', TRUE), '')::uuid))$p$,
      t || '_tenant_isolation', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO parley_app, parley_system', t);
  END LOOP;
  FOREACH t IN ARRAY ARRAY['companies', 'contacts', 'saved_views'] LOOP
    EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE ON %I FOR EACH ROW EXECUTE FUNCTION set_updated_at()', t || '_set_updated_at', t);
  END LOOP;
END
$$;

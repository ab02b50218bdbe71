-- Sales core, part 3: leads (a company in qualification) with tags, enrichment and per-org
-- scoring weights; interactions (every touchpoint) and tasks on any record; deals remember
-- the lead they came from.

-- One place for the tenancy block every tenant table repeats: RLS on and forced, the
-- org-isolation policy, grants to the two application roles.
CREATE FUNCTION parley_enable_tenant_rls(t text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
  EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
  EXECUTE format($p$CREATE POLICY %I ON %I
    USING (organization_id = (SELECT NULLIF(current_setting('app.current_org_id', TRUE), '')::uuid))
    WITH CHECK (organization_id = (SELECT NULLIF(current_setting('app.current_org_id', TRUE), '')::uuid))$p$,
    t || '_tenant_isolation', t);
  EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO parley_app, parley_system', t);
END
$$;
REVOKE ALL ON FUNCTION parley_enable_tenant_rls(text) FROM PUBLIC;

CREATE TYPE lead_status AS ENUM ('new', 'contacted', 'qualified', 'unqualified', 'nurturing', 'converted', 'lost');
CREATE TYPE lead_source AS ENUM ('website', 'referral', 'cold_call', 'email_campaign', 'social_media', 'trade_show', 'partner', 'advertising', 'ai_call', 'import', 'other');
CREATE TYPE nurture_status AS ENUM ('new', 'hot', 'warm', 'cold');
CREATE TYPE contact_method AS ENUM ('email', 'phone', 'sms', 'in_person');
CREATE TYPE interaction_type AS ENUM ('call', 'email', 'meeting', 'note', 'sms');
CREATE TYPE interaction_direction AS ENUM ('inbound', 'outbound');
CREATE TYPE sentiment AS ENUM ('positive', 'neutral', 'negative');
-- Seed 001's Not Started/In Progress/Completed/Blocked and seed 004's pending/processing/
-- completed/failed, as one lifecycle ("pending" is not started, "processing" is in progress).
CREATE TYPE task_status AS ENUM ('pending', 'in_progress', 'blocked', 'completed', 'failed');
-- Seed 001's Low/Medium/High and seed 004's low/normal/high/urgent ("medium" is normal).
CREATE TYPE task_priority AS ENUM ('low', 'normal', 'high', 'urgent');
CREATE TYPE task_category AS ENUM ('follow_up', 'call', 'email', 'meeting', 'demo', 'proposal', 'admin', 'other');

-- Seed 002: one lead per company.
CREATE TABLE leads (
  id uuid PRIMARY KEY DEFAULT uuid_v7(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  company_id uuid NOT NULL,
  contact_id uuid,
  status lead_status NOT NULL DEFAULT 'new',
  source lead_source NOT NULL DEFAULT 'other',
  source_details jsonb NOT NULL DEFAULT '{}',
  lead_score integer NOT NULL DEFAULT 0 CHECK (lead_score BETWEEN 0 AND 100),
  score_breakdown jsonb NOT NULL DEFAULT '{}',
  scored_at timestamptz,
  nurture_status nurture_status NOT NULL DEFAULT 'new',
  qualified_at timestamptz,
  qualified_by uuid REFERENCES users (id) ON DELETE SET NULL,
  assigned_to uuid REFERENCES users (id) ON DELETE SET NULL,
  assigned_at timestamptz,
  converted_at timestamptz,
  conversion_value numeric(15,2) CHECK (conversion_value >= 0),
  lost_reason varchar(500),
  preferred_contact_method contact_method,
  best_call_time varchar(100),
  timezone varchar(64),
  first_contact_at timestamptz,
  last_contact_at timestamptz,
  contact_attempts integer NOT NULL DEFAULT 0 CHECK (contact_attempts >= 0),
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (organization_id, company_id) REFERENCES companies (organization_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organization_id, contact_id) REFERENCES contacts (organization_id, id) ON DELETE SET NULL (contact_id)
);
CREATE UNIQUE INDEX leads_organization_id_id_key ON leads (organization_id, id);
CREATE UNIQUE INDEX leads_organization_id_company_id_key ON leads (organization_id, company_id);
CREATE INDEX leads_organization_id_status_idx ON leads (organization_id, status);
CREATE INDEX leads_organization_id_assigned_to_idx ON leads (organization_id, assigned_to);
CREATE INDEX leads_organization_id_lead_score_idx ON leads (organization_id, lead_score DESC);
CREATE INDEX leads_organization_id_nurture_status_idx ON leads (organization_id, nurture_status);

CREATE TABLE tags (
  id uuid PRIMARY KEY DEFAULT uuid_v7(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  name varchar(50) NOT NULL CHECK (length(btrim(name)) > 0),
  color varchar(20) NOT NULL DEFAULT 'slate',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX tags_organization_id_id_key ON tags (organization_id, id);
CREATE UNIQUE INDEX tags_organization_id_name_key ON tags (organization_id, name);

CREATE TABLE lead_tags (
  id uuid PRIMARY KEY DEFAULT uuid_v7(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  lead_id uuid NOT NULL,
  tag_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (organization_id, lead_id) REFERENCES leads (organization_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organization_id, tag_id) REFERENCES tags (organization_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX lead_tags_organization_id_id_key ON lead_tags (organization_id, id);
CREATE UNIQUE INDEX lead_tags_organization_id_lead_id_tag_id_key ON lead_tags (organization_id, lead_id, tag_id);
CREATE INDEX lead_tags_organization_id_tag_id_idx ON lead_tags (organization_id, tag_id);

CREATE TABLE lead_enrichments (
  id uuid PRIMARY KEY DEFAULT uuid_v7(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  lead_id uuid NOT NULL,
  source varchar(100) NOT NULL CHECK (length(btrim(source)) > 0),
  data jsonb NOT NULL DEFAULT '{}',
  fetched_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (organization_id, lead_id) REFERENCES leads (organization_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX lead_enrichments_organization_id_id_key ON lead_enrichments (organization_id, id);
CREATE INDEX lead_enrichments_lead_idx ON lead_enrichments (organization_id, lead_id, fetched_at DESC);

-- The organization's lead-scoring weights (absent: the built-in defaults apply).
CREATE TABLE lead_scoring_settings (
  id uuid PRIMARY KEY DEFAULT uuid_v7(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  weights jsonb NOT NULL,
  updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX lead_scoring_settings_organization_id_id_key ON lead_scoring_settings (organization_id, id);
CREATE UNIQUE INDEX lead_scoring_settings_organization_id_key ON lead_scoring_settings (organization_id);

ALTER TABLE opportunities ADD COLUMN lead_id uuid;
ALTER TABLE opportunities ADD FOREIGN KEY (organization_id, lead_id) REFERENCES leads (organization_id, id) ON DELETE SET NULL (lead_id);
CREATE INDEX opportunities_organization_id_lead_id_idx ON opportunities (organization_id, lead_id);

-- Every touchpoint, on a lead, contact, company or deal (at least one of them).
CREATE TABLE interactions (
  id uuid PRIMARY KEY DEFAULT uuid_v7(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  lead_id uuid,
  contact_id uuid,
  company_id uuid,
  opportunity_id uuid,
  type interaction_type NOT NULL,
  direction interaction_direction NOT NULL DEFAULT 'outbound',
  subject varchar(255),
  content text,
  summary text,
  outcome varchar(255),
  initiated_by uuid REFERENCES users (id) ON DELETE SET NULL,
  participated_users uuid[] NOT NULL DEFAULT '{}',
  call_duration integer CHECK (call_duration >= 0),
  call_recording_url varchar(2048),
  call_transcript text,
  sentiment sentiment,
  -- the library's comparative score: sum of word valences / number of words
  sentiment_score numeric(6,3),
  email_message_id varchar(998),
  email_thread_id varchar(998),
  email_opened boolean NOT NULL DEFAULT false,
  email_clicked boolean NOT NULL DEFAULT false,
  meeting_date timestamptz,
  meeting_duration integer CHECK (meeting_duration >= 0),
  meeting_location varchar(255),
  meeting_attendees jsonb NOT NULL DEFAULT '[]',
  ai_insights jsonb,
  ai_score numeric(5,2),
  scheduled_for timestamptz,
  completed_at timestamptz,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (num_nonnulls(lead_id, contact_id, company_id, opportunity_id) >= 1),
  FOREIGN KEY (organization_id, lead_id) REFERENCES leads (organization_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organization_id, contact_id) REFERENCES contacts (organization_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organization_id, company_id) REFERENCES companies (organization_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organization_id, opportunity_id) REFERENCES opportunities (organization_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX interactions_organization_id_id_key ON interactions (organization_id, id);
CREATE INDEX interactions_lead_idx ON interactions (organization_id, lead_id, occurred_at DESC) WHERE lead_id IS NOT NULL;
CREATE INDEX interactions_contact_idx ON interactions (organization_id, contact_id, occurred_at DESC) WHERE contact_id IS NOT NULL;
CREATE INDEX interactions_company_idx ON interactions (organization_id, company_id, occurred_at DESC) WHERE company_id IS NOT NULL;
CREATE INDEX interactions_opportunity_idx ON interactions (organization_id, opportunity_id, occurred_at DESC) WHERE opportunity_id IS NOT NULL;
CREATE INDEX interactions_organization_id_occurred_at_idx ON interactions (organization_id, occurred_at);

CREATE TABLE tasks (
  id uuid PRIMARY KEY DEFAULT uuid_v7(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  parent_task_id uuid,
  lead_id uuid,
  contact_id uuid,
  company_id uuid,
  opportunity_id uuid,
  title varchar(255) NOT NULL CHECK (length(btrim(title)) > 0),
  description text,
  status task_status NOT NULL DEFAULT 'pending',
  priority task_priority NOT NULL DEFAULT 'normal',
  category task_category NOT NULL DEFAULT 'follow_up',
  due_date date,
  progress integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  completed_at timestamptz,
  assigned_to uuid REFERENCES users (id) ON DELETE SET NULL,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (parent_task_id IS DISTINCT FROM id),
  FOREIGN KEY (organization_id, lead_id) REFERENCES leads (organization_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organization_id, contact_id) REFERENCES contacts (organization_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organization_id, company_id) REFERENCES companies (organization_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organization_id, opportunity_id) REFERENCES opportunities (organization_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX tasks_organization_id_id_key ON tasks (organization_id, id);
-- Subtasks: added once the composite key it references exists.
ALTER TABLE tasks ADD FOREIGN KEY (organization_id, parent_task_id) REFERENCES tasks (organization_id, id) ON DELETE CASCADE;
-- "My tasks": open work of one assignee by due date.
CREATE INDEX tasks_my_open_idx ON tasks (organization_id, assigned_to, due_date) WHERE status NOT IN ('completed', 'failed');
CREATE INDEX tasks_organization_id_parent_task_id_idx ON tasks (organization_id, parent_task_id);
CREATE INDEX tasks_organization_id_lead_id_idx ON tasks (organization_id, lead_id) WHERE lead_id IS NOT NULL;
CREATE INDEX tasks_organization_id_contact_id_idx ON tasks (organization_id, contact_id) WHERE contact_id IS NOT NULL;
CREATE INDEX tasks_organization_id_company_id_idx ON tasks (organization_id, company_id) WHERE company_id IS NOT NULL;
CREATE INDEX tasks_organization_id_opportunity_id_idx ON tasks (organization_id, opportunity_id) WHERE opportunity_id IS NOT NULL;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['leads', 'tags', 'lead_tags', 'lead_enrichments', 'lead_scoring_settings', 'interactions', 'tasks'] LOOP
    PERFORM parley_enable_tenant_rls(t);
  END LOOP;
  FOREACH t IN ARRAY ARRAY['leads', 'lead_scoring_settings', 'interactions', 'tasks'] LOOP
    EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE ON %I FOR EACH ROW EXECUTE FUNCTION set_updated_at()', t || '_set_updated_at', t);
  END LOOP;
END
$$;

-- Search (Ctrl-K) matches deals by name like the other records.
CREATE INDEX opportunities_name_trgm_idx ON opportunities USING gin (name gin_trgm_ops);

-- Sales core, part 2: pipelines with ordered stages, opportunities, and every stage move.

CREATE TYPE opportunity_status AS ENUM ('open', 'won', 'lost');

CREATE TABLE pipelines (
  id uuid PRIMARY KEY DEFAULT uuid_v7(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  name varchar(100) NOT NULL CHECK (length(btrim(name)) > 0),
  description text,
  is_default boolean NOT NULL DEFAULT false,
  position integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX pipelines_organization_id_id_key ON pipelines (organization_id, id);
CREATE UNIQUE INDEX pipelines_organization_id_name_key ON pipelines (organization_id, name);

CREATE TABLE pipeline_stages (
  id uuid PRIMARY KEY DEFAULT uuid_v7(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  pipeline_id uuid NOT NULL,
  name varchar(100) NOT NULL CHECK (length(btrim(name)) > 0),
  position integer NOT NULL,
  probability integer NOT NULL DEFAULT 0 CHECK (probability BETWEEN 0 AND 100),
  rotting_days integer CHECK (rotting_days > 0),
  is_won boolean NOT NULL DEFAULT false,
  is_lost boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (NOT (is_won AND is_lost)),
  FOREIGN KEY (organization_id, pipeline_id) REFERENCES pipelines (organization_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX pipeline_stages_organization_id_id_key ON pipeline_stages (organization_id, id);
CREATE UNIQUE INDEX pipeline_stages_organization_id_pipeline_id_name_key ON pipeline_stages (organization_id, pipeline_id, name);
CREATE INDEX pipeline_stages_organization_id_pipeline_id_position_idx ON pipeline_stages (organization_id, pipeline_id, position);

CREATE TABLE opportunities (
  id uuid PRIMARY KEY DEFAULT uuid_v7(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  pipeline_id uuid NOT NULL,
  current_stage_id uuid NOT NULL,
  company_id uuid,
  contact_id uuid,
  name varchar(255) NOT NULL CHECK (length(btrim(name)) > 0),
  value numeric(15,2) NOT NULL DEFAULT 0 CHECK (value >= 0),
  currency char(3) NOT NULL DEFAULT 'USD',
  probability integer NOT NULL DEFAULT 0 CHECK (probability BETWEEN 0 AND 100),
  weighted_value numeric(15,2) NOT NULL GENERATED ALWAYS AS (round(value * probability / 100.0, 2)) STORED,
  status opportunity_status NOT NULL DEFAULT 'open',
  expected_close_date date,
  actual_close_date date,
  owner_id uuid REFERENCES users (id) ON DELETE SET NULL,
  team_members uuid[] NOT NULL DEFAULT '{}',
  stage_entered_at timestamptz NOT NULL DEFAULT now(),
  closed_reason varchar(500),
  competitor_won varchar(255),
  is_archived boolean NOT NULL DEFAULT false,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (organization_id, pipeline_id) REFERENCES pipelines (organization_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organization_id, current_stage_id) REFERENCES pipeline_stages (organization_id, id) ON DELETE RESTRICT,
  FOREIGN KEY (organization_id, company_id) REFERENCES companies (organization_id, id) ON DELETE SET NULL (company_id),
  FOREIGN KEY (organization_id, contact_id) REFERENCES contacts (organization_id, id) ON DELETE SET NULL (contact_id)
);
CREATE UNIQUE INDEX opportunities_organization_id_id_key ON opportunities (organization_id, id);
-- The board: open deals of one pipeline, grouped by stage.
CREATE INDEX opportunities_board_idx ON opportunities (organization_id, pipeline_id, current_stage_id) WHERE status = 'open' AND NOT is_archived;
CREATE INDEX opportunities_organization_id_owner_id_idx ON opportunities (organization_id, owner_id);
CREATE INDEX opportunities_organization_id_company_id_idx ON opportunities (organization_id, company_id);
CREATE INDEX opportunities_organization_id_expected_close_date_idx ON opportunities (organization_id, expected_close_date);

CREATE TABLE opportunity_stage_history (
  id uuid PRIMARY KEY DEFAULT uuid_v7(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  opportunity_id uuid NOT NULL,
  from_stage_id uuid,
  to_stage_id uuid NOT NULL,
  -- seconds spent in from_stage before this move
  time_in_stage integer CHECK (time_in_stage >= 0),
  moved_by uuid REFERENCES users (id) ON DELETE SET NULL,
  moved_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (organization_id, opportunity_id) REFERENCES opportunities (organization_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organization_id, from_stage_id) REFERENCES pipeline_stages (organization_id, id) ON DELETE SET NULL (from_stage_id),
  FOREIGN KEY (organization_id, to_stage_id) REFERENCES pipeline_stages (organization_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX opportunity_stage_history_organization_id_id_key ON opportunity_stage_history (organization_id, id);
CREATE INDEX opportunity_stage_history_opportunity_idx ON opportunity_stage_history (organization_id, opportunity_id, moved_at);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['pipelines', 'pipeline_stages', 'opportunities', 'opportunity_stage_history'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY %I ON %I
      USING (organization_id = (SELECT NULLIF(current_setting('app.current_org_id', TRUE), '')::uuid))
      WITH CHECK (organization_id = (SELECT NULLIF(current_setting('app.current_org_id', TRUE), '')::uuid))$p$,
      t || '_tenant_isolation', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO parley_app, parley_system', t);
  END LOOP;
  FOREACH t IN ARRAY ARRAY['pipelines', 'pipeline_stages', 'opportunities'] LOOP
    EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE ON %I FOR EACH ROW EXECUTE FUNCTION set_updated_at()', t || '_set_updated_at', t);
  END LOOP;
END
$$;

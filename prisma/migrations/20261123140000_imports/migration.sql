-- CSV imports: the file's journey (mapping, progress, counts), every rejected row and why,
-- and every record each import created or changed, so a whole import can be undone.
-- Also: the board reads each stage's first cards straight off an index.

CREATE TYPE import_resource AS ENUM ('companies', 'contacts', 'leads');
CREATE TYPE import_status AS ENUM ('uploaded', 'running', 'completed', 'failed', 'undone');
CREATE TYPE duplicate_strategy AS ENUM ('skip', 'update', 'create');

CREATE TABLE imports (
  id uuid PRIMARY KEY DEFAULT uuid_v7(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  resource import_resource NOT NULL,
  file_name varchar(255) NOT NULL,
  file_size bigint NOT NULL CHECK (file_size >= 0),
  headers jsonb NOT NULL DEFAULT '[]',
  preview jsonb NOT NULL DEFAULT '[]',
  mapping jsonb NOT NULL DEFAULT '{}',
  duplicate_strategy duplicate_strategy NOT NULL DEFAULT 'skip',
  status import_status NOT NULL DEFAULT 'uploaded',
  total_rows integer NOT NULL DEFAULT 0,
  processed_rows integer NOT NULL DEFAULT 0,
  created_count integer NOT NULL DEFAULT 0,
  updated_count integer NOT NULL DEFAULT 0,
  skipped_count integer NOT NULL DEFAULT 0,
  rejected_count integer NOT NULL DEFAULT 0,
  error text,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  undone_by uuid REFERENCES users (id) ON DELETE SET NULL,
  started_at timestamptz,
  finished_at timestamptz,
  undone_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX imports_organization_id_id_key ON imports (organization_id, id);
CREATE INDEX imports_organization_id_created_at_idx ON imports (organization_id, created_at DESC);

CREATE TABLE import_rejects (
  id uuid PRIMARY KEY DEFAULT uuid_v7(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  import_id uuid NOT NULL,
  -- the line's number as a spreadsheet shows it (the header is row 1)
  row_number integer NOT NULL,
  reason text NOT NULL,
  raw jsonb NOT NULL,
  FOREIGN KEY (organization_id, import_id) REFERENCES imports (organization_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX import_rejects_organization_id_id_key ON import_rejects (organization_id, id);
CREATE INDEX import_rejects_import_idx ON import_rejects (organization_id, import_id, row_number);

CREATE TABLE import_records (
  id uuid PRIMARY KEY DEFAULT uuid_v7(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  import_id uuid NOT NULL,
  record_type varchar(20) NOT NULL CHECK (record_type IN ('company', 'contact', 'lead')),
  record_id uuid NOT NULL,
  action varchar(10) NOT NULL CHECK (action IN ('created', 'updated')),
  -- for updates: the fields' values before the import, to restore on undo
  previous jsonb,
  FOREIGN KEY (organization_id, import_id) REFERENCES imports (organization_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX import_records_organization_id_id_key ON import_records (organization_id, id);
CREATE INDEX import_records_import_idx ON import_records (organization_id, import_id, record_type);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['imports', 'import_rejects', 'import_records'] LOOP
    PERFORM parley_enable_tenant_rls(t);
  END LOOP;
  CREATE TRIGGER imports_set_updated_at BEFORE UPDATE ON imports FOR EACH ROW EXECUTE FUNCTION set_updated_at();
END
$$;

-- Duplicate detection matches names and emails case-insensitively.
CREATE INDEX companies_organization_id_lower_name_idx ON companies (organization_id, lower(name));
CREATE INDEX contacts_organization_id_lower_email_idx ON contacts (organization_id, lower(email));
CREATE INDEX contacts_organization_id_phone_idx ON contacts (organization_id, phone);

-- The board: each stage's first cards in card order come straight off this index (no sort
-- of every open deal), and the per-stage totals are read from it alone.
DROP INDEX opportunities_board_idx;
CREATE INDEX opportunities_board_idx ON opportunities
  (organization_id, pipeline_id, current_stage_id, expected_close_date ASC NULLS LAST, value DESC, id)
  INCLUDE (weighted_value) WHERE status = 'open' AND NOT is_archived;

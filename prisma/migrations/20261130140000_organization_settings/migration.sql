-- Organization settings people edit (seed 002 keeps them in settings jsonb; columns here, so
-- they are typed, checked and defaulted), and the data exports an organization asks for.
ALTER TABLE organizations
  ADD COLUMN timezone varchar(64) NOT NULL DEFAULT 'UTC',
  ADD COLUMN currency char(3) NOT NULL DEFAULT 'USD' CHECK (currency ~ '^[A-Z]{3}$'),
  ADD COLUMN logo_url varchar(2048);

CREATE TYPE organization_export_status AS ENUM ('queued', 'running', 'completed', 'failed');
CREATE TABLE organization_exports (
  id uuid PRIMARY KEY DEFAULT uuid_v7(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  requested_by uuid REFERENCES users (id) ON DELETE SET NULL,
  status organization_export_status NOT NULL DEFAULT 'queued',
  tables_total integer NOT NULL DEFAULT 0,
  tables_done integer NOT NULL DEFAULT 0,
  rows_exported bigint NOT NULL DEFAULT 0,
  current_table varchar(100),
  file_size bigint,
  error text,
  started_at timestamptz,
  finished_at timestamptz,
  expires_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX organization_exports_organization_id_id_key ON organization_exports (organization_id, id);
CREATE INDEX organization_exports_organization_id_created_at_idx ON organization_exports (organization_id, created_at DESC);
SELECT parley_enable_tenant_rls('organization_exports');
CREATE TRIGGER organization_exports_set_updated_at BEFORE UPDATE ON organization_exports FOR EACH ROW EXECUTE FUNCTION set_updated_at();

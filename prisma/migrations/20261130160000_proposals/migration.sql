-- Proposals (issue 5; seed 002 proposals and proposal_line_items, seed 003 workflows as
-- approval_requests), their templates, their numbering, and the approval threshold.
--
-- Versions: one proposals row per version. A proposal "document" is its proposal_number
-- (P-2026-0001); each revision is another row with the same number and version + 1, its own
-- lines, totals and status, so every version stays readable exactly as it was sent. The
-- newest is marked is_current (one per number, a partial unique index) and only it can be
-- edited. One table keeps every seed field where the seed put it and lets lists, filters and
-- the isolation suite treat a version like any other row; a separate "document" table would
-- hold nothing but the number.

-- Discounts above this percentage of the subtotal need an approval before a proposal is sent.
ALTER TABLE organizations ADD COLUMN proposal_approval_threshold_percent numeric(5, 2) NOT NULL DEFAULT 20
  CHECK (proposal_approval_threshold_percent >= 0 AND proposal_approval_threshold_percent <= 100);

-- Managers approve discounts: the system Manager role gains proposals:admin (Owner and Admin
-- have it already). Existing organizations' Manager roles get it here.
INSERT INTO role_permissions (organization_id, role_id, permission_id)
SELECT r.organization_id, r.id, p.id FROM roles r CROSS JOIN permissions p
WHERE r.is_system AND r.name = 'Manager' AND p.name = 'proposals:admin'
ON CONFLICT DO NOTHING;

-- Seed 002's lifecycle. "expired" is not stored: a proposal past valid_until that was not
-- accepted or rejected reads as expired (computed when read, so it needs no job and is never stale).
CREATE TYPE proposal_status AS ENUM ('draft', 'pending_approval', 'approved', 'sent', 'viewed', 'accepted', 'rejected');
-- Seed 003's workflow status and priority.
CREATE TYPE approval_status AS ENUM ('pending', 'approved', 'rejected', 'completed');
CREATE TYPE approval_priority AS ENUM ('low', 'normal', 'high', 'critical');

-- The sections a new proposal starts from.
CREATE TABLE proposal_templates (
  id uuid PRIMARY KEY DEFAULT uuid_v7(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  name varchar(255) NOT NULL CHECK (length(btrim(name)) > 0),
  description text,
  executive_summary text,
  scope_of_work text,
  terms_and_conditions text,
  -- [{ "title": "...", "body": "..." }]
  custom_sections jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(custom_sections) = 'array'),
  valid_for_days integer NOT NULL DEFAULT 30 CHECK (valid_for_days BETWEEN 1 AND 365),
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX proposal_templates_organization_id_id_key ON proposal_templates (organization_id, id);
CREATE UNIQUE INDEX proposal_templates_organization_id_name_key ON proposal_templates (organization_id, name);
SELECT parley_enable_tenant_rls('proposal_templates');
CREATE TRIGGER proposal_templates_set_updated_at BEFORE UPDATE ON proposal_templates FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- One counter per organization and year: the creating transaction takes the next number with
-- INSERT ... ON CONFLICT DO UPDATE ... RETURNING, which locks the row until it commits, so
-- concurrent creations queue on it and a rolled-back creation gives its number back.
CREATE TABLE proposal_number_counters (
  id uuid PRIMARY KEY DEFAULT uuid_v7(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 9999),
  last_value integer NOT NULL DEFAULT 0 CHECK (last_value >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX proposal_number_counters_organization_id_id_key ON proposal_number_counters (organization_id, id);
CREATE UNIQUE INDEX proposal_number_counters_organization_id_year_key ON proposal_number_counters (organization_id, year);
SELECT parley_enable_tenant_rls('proposal_number_counters');
CREATE TRIGGER proposal_number_counters_set_updated_at BEFORE UPDATE ON proposal_number_counters FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE proposals (
  id uuid PRIMARY KEY DEFAULT uuid_v7(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  opportunity_id uuid NOT NULL,
  proposal_number varchar(30) NOT NULL,
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  is_current boolean NOT NULL DEFAULT true,
  title varchar(255) NOT NULL CHECK (length(btrim(title)) > 0),
  status proposal_status NOT NULL DEFAULT 'draft',
  valid_until date,
  executive_summary text,
  scope_of_work text,
  terms_and_conditions text,
  custom_sections jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(custom_sections) = 'array'),
  currency char(3) NOT NULL DEFAULT 'USD' CHECK (currency ~ '^[A-Z]{3}$'),
  -- Totals: sums of the lines' rounded amounts (proposal-totals.ts), stored with the version.
  subtotal numeric(15, 2) NOT NULL DEFAULT 0 CHECK (subtotal >= 0),
  discount_amount numeric(15, 2) NOT NULL DEFAULT 0 CHECK (discount_amount >= 0),
  discount_percentage numeric(5, 2) NOT NULL DEFAULT 0 CHECK (discount_percentage BETWEEN 0 AND 100),
  tax_amount numeric(15, 2) NOT NULL DEFAULT 0 CHECK (tax_amount >= 0),
  total_amount numeric(15, 2) NOT NULL DEFAULT 0 CHECK (total_amount >= 0),
  sent_at timestamptz,
  sent_to_email varchar(320),
  viewed_at timestamptz,
  view_count integer NOT NULL DEFAULT 0 CHECK (view_count >= 0),
  accepted_at timestamptz,
  rejected_at timestamptz,
  rejection_reason text,
  pdf_url varchar(2048),
  template_id uuid,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (organization_id, opportunity_id) REFERENCES opportunities (organization_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organization_id, template_id) REFERENCES proposal_templates (organization_id, id) ON DELETE SET NULL (template_id)
);
CREATE UNIQUE INDEX proposals_organization_id_id_key ON proposals (organization_id, id);
CREATE UNIQUE INDEX proposals_organization_id_proposal_number_version_key ON proposals (organization_id, proposal_number, version);
CREATE UNIQUE INDEX proposals_organization_id_proposal_number_current_key ON proposals (organization_id, proposal_number) WHERE is_current;
CREATE INDEX proposals_organization_id_opportunity_id_idx ON proposals (organization_id, opportunity_id);
CREATE INDEX proposals_organization_id_created_by_idx ON proposals (organization_id, created_by);
CREATE INDEX proposals_organization_id_status_idx ON proposals (organization_id, status) WHERE is_current;
SELECT parley_enable_tenant_rls('proposals');
CREATE TRIGGER proposals_set_updated_at BEFORE UPDATE ON proposals FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE proposal_line_items (
  id uuid PRIMARY KEY DEFAULT uuid_v7(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  proposal_id uuid NOT NULL,
  -- From the catalog, or NULL for a free-form line (and after its product is deleted).
  product_id uuid,
  position integer NOT NULL CHECK (position >= 0),
  description text NOT NULL CHECK (length(btrim(description)) > 0),
  quantity numeric(12, 4) NOT NULL CHECK (quantity > 0),
  unit_price numeric(15, 2) NOT NULL CHECK (unit_price >= 0),
  discount_percent numeric(5, 2) NOT NULL DEFAULT 0 CHECK (discount_percent BETWEEN 0 AND 100),
  tax_rate numeric(6, 3) NOT NULL DEFAULT 0 CHECK (tax_rate BETWEEN 0 AND 100),
  -- Computed by proposal-totals.ts, each rounded once to the cent.
  gross_amount numeric(15, 2) NOT NULL,
  discount_amount numeric(15, 2) NOT NULL,
  tax_amount numeric(15, 2) NOT NULL,
  total_amount numeric(15, 2) NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (organization_id, proposal_id) REFERENCES proposals (organization_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organization_id, product_id) REFERENCES products (organization_id, id) ON DELETE SET NULL (product_id)
);
CREATE UNIQUE INDEX proposal_line_items_organization_id_id_key ON proposal_line_items (organization_id, id);
CREATE UNIQUE INDEX proposal_line_items_organization_id_proposal_id_position_key ON proposal_line_items (organization_id, proposal_id, position);
CREATE INDEX proposal_line_items_organization_id_product_id_idx ON proposal_line_items (organization_id, product_id);
SELECT parley_enable_tenant_rls('proposal_line_items');
CREATE TRIGGER proposal_line_items_set_updated_at BEFORE UPDATE ON proposal_line_items FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- Seed 003's workflows: a request from a requester to an approver, resolved with a comment.
-- Today every request is about a proposal version (type 'proposal_discount').
CREATE TABLE approval_requests (
  id uuid PRIMARY KEY DEFAULT uuid_v7(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  proposal_id uuid NOT NULL,
  type varchar(100) NOT NULL DEFAULT 'proposal_discount',
  requester_id uuid REFERENCES users (id) ON DELETE SET NULL,
  approver_id uuid REFERENCES users (id) ON DELETE SET NULL,
  status approval_status NOT NULL DEFAULT 'pending',
  priority approval_priority NOT NULL DEFAULT 'normal',
  details jsonb NOT NULL DEFAULT '{}',
  comment text,
  resolved_by uuid REFERENCES users (id) ON DELETE SET NULL,
  resolved_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (organization_id, proposal_id) REFERENCES proposals (organization_id, id) ON DELETE CASCADE,
  CHECK ((status = 'pending') = (resolved_at IS NULL))
);
CREATE UNIQUE INDEX approval_requests_organization_id_id_key ON approval_requests (organization_id, id);
-- At most one open request per proposal version.
CREATE UNIQUE INDEX approval_requests_organization_id_proposal_id_pending_key ON approval_requests (organization_id, proposal_id) WHERE status = 'pending';
CREATE INDEX approval_requests_organization_id_approver_id_status_idx ON approval_requests (organization_id, approver_id, status);
SELECT parley_enable_tenant_rls('approval_requests');
CREATE TRIGGER approval_requests_set_updated_at BEFORE UPDATE ON approval_requests FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- Contracts (issue 5; seed 002 contracts): made from an accepted proposal or straight from a
-- deal, signed by the client through a public link and countersigned by a member, renewed or
-- expired by a background job.

-- One numbering for every document kind: the proposals' counter table gains a kind, so
-- contracts (C-2026-0001) take their numbers the same way, without gaps or duplicates.
ALTER TABLE proposal_number_counters RENAME TO document_number_counters;
ALTER TABLE document_number_counters ADD COLUMN kind varchar(20) NOT NULL DEFAULT 'proposal' CHECK (kind IN ('proposal', 'contract'));
ALTER TABLE document_number_counters ALTER COLUMN kind DROP DEFAULT;
DROP INDEX proposal_number_counters_organization_id_year_key;
CREATE UNIQUE INDEX document_number_counters_organization_id_kind_year_key ON document_number_counters (organization_id, kind, year);
ALTER INDEX proposal_number_counters_organization_id_id_key RENAME TO document_number_counters_organization_id_id_key;
ALTER INDEX proposal_number_counters_pkey RENAME TO document_number_counters_pkey;
ALTER TRIGGER proposal_number_counters_set_updated_at ON document_number_counters RENAME TO document_number_counters_set_updated_at;
ALTER POLICY proposal_number_counters_tenant_isolation ON document_number_counters RENAME TO document_number_counters_tenant_isolation;

-- Managers countersign contracts, as they approve proposal discounts (Owner and Admin can already).
INSERT INTO role_permissions (organization_id, role_id, permission_id)
SELECT r.organization_id, r.id, p.id FROM roles r CROSS JOIN permissions p
WHERE r.is_system AND r.name = 'Manager' AND p.name = 'contracts:admin'
ON CONFLICT DO NOTHING;

CREATE TYPE contract_status AS ENUM ('draft', 'pending_signature', 'active', 'expired', 'terminated', 'renewed');
CREATE TYPE signature_method AS ENUM ('typed', 'drawn');

-- The sum of a payment schedule's amounts ([{ "dueDate", "amount", "description" }]), so the
-- table itself refuses a schedule that does not add up to the contract's value.
CREATE FUNCTION parley_schedule_total(schedule jsonb) RETURNS numeric
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT coalesce(sum((item ->> 'amount')::numeric), 0) FROM jsonb_array_elements(schedule) AS item $$;

CREATE TABLE contracts (
  id uuid PRIMARY KEY DEFAULT uuid_v7(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  -- The accepted proposal version it was made from (at most one contract per version), if any.
  proposal_id uuid,
  opportunity_id uuid NOT NULL,
  contract_number varchar(30) NOT NULL,
  title varchar(255) NOT NULL CHECK (length(btrim(title)) > 0),
  type varchar(50) NOT NULL DEFAULT 'services' CHECK (length(btrim(type)) > 0),
  status contract_status NOT NULL DEFAULT 'draft',
  start_date date NOT NULL,
  end_date date,
  auto_renew boolean NOT NULL DEFAULT false,
  renewal_terms text,
  currency char(3) NOT NULL DEFAULT 'USD' CHECK (currency ~ '^[A-Z]{3}$'),
  total_value numeric(15, 2) NOT NULL CHECK (total_value >= 0),
  payment_terms varchar(255),
  payment_schedule jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(payment_schedule) = 'array'),
  -- The terms the parties sign.
  body text,
  client_signature_required boolean NOT NULL DEFAULT true,
  -- Sending for signature freezes the document: its SHA-256 (of the canonical text of every
  -- signed term) goes on the certificate, and signing checks the contract still hashes to it.
  document_hash char(64) CHECK (document_hash ~ '^[0-9a-f]{64}$'),
  sent_for_signature_at timestamptz,
  -- The parties' names as sent for signature: renaming the organization or the client's
  -- company later changes neither what was signed nor its hash.
  supplier_name varchar(200),
  client_name varchar(255),
  sent_to_email varchar(320),
  client_signed_at timestamptz,
  client_signed_by varchar(200),
  client_signature_email varchar(320),
  -- varchar like every other IP column here: what a proxy forwards is kept even when it is not an address.
  client_signature_ip varchar(64),
  client_signature_user_agent varchar(1000),
  client_signature_method signature_method,
  client_signature_image bytea CHECK (octet_length(client_signature_image) <= 262144),
  internal_signed_at timestamptz,
  internal_signed_by uuid REFERENCES users (id) ON DELETE SET NULL,
  internal_signer_name varchar(200),
  internal_signature_ip varchar(64),
  internal_signature_user_agent varchar(1000),
  internal_signature_method signature_method,
  internal_signature_image bytea CHECK (octet_length(internal_signature_image) <= 262144),
  activated_at timestamptz,
  terminated_at timestamptz,
  termination_reason text,
  -- The renewal job: the reminder 30 days before the end, and the contract this one renews.
  renewal_reminder_sent_at timestamptz,
  renewed_from_id uuid,
  document_url varchar(2048),
  docusign_envelope_id varchar(255),
  owner_id uuid REFERENCES users (id) ON DELETE SET NULL,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (end_date IS NULL OR end_date > start_date),
  CHECK (NOT auto_renew OR end_date IS NOT NULL),
  CHECK (jsonb_array_length(payment_schedule) = 0 OR parley_schedule_total(payment_schedule) = total_value),
  CHECK ((client_signed_at IS NULL) = (client_signed_by IS NULL)),
  CHECK ((internal_signed_at IS NULL) = (internal_signer_name IS NULL)),
  FOREIGN KEY (organization_id, opportunity_id) REFERENCES opportunities (organization_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organization_id, proposal_id) REFERENCES proposals (organization_id, id) ON DELETE SET NULL (proposal_id)
);
CREATE UNIQUE INDEX contracts_organization_id_id_key ON contracts (organization_id, id);
-- Its own key must exist before a contract can point at the one it renews.
ALTER TABLE contracts ADD FOREIGN KEY (organization_id, renewed_from_id) REFERENCES contracts (organization_id, id) ON DELETE SET NULL (renewed_from_id);
CREATE UNIQUE INDEX contracts_organization_id_contract_number_key ON contracts (organization_id, contract_number);
CREATE UNIQUE INDEX contracts_organization_id_proposal_id_key ON contracts (organization_id, proposal_id);
-- One renewal per contract, even if two job runs overlap.
CREATE UNIQUE INDEX contracts_organization_id_renewed_from_id_key ON contracts (organization_id, renewed_from_id);
CREATE INDEX contracts_organization_id_opportunity_id_idx ON contracts (organization_id, opportunity_id);
CREATE INDEX contracts_organization_id_status_end_date_idx ON contracts (organization_id, status, end_date);
CREATE INDEX contracts_organization_id_owner_id_idx ON contracts (organization_id, owner_id);
-- The renewal job's sweep across organizations (system role).
CREATE INDEX contracts_active_end_date_idx ON contracts (end_date) WHERE status = 'active';
SELECT parley_enable_tenant_rls('contracts');
CREATE TRIGGER contracts_set_updated_at BEFORE UPDATE ON contracts FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- The client's signing link, like a proposal's: a random token sent once, only its sha256 kept.
CREATE TABLE contract_links (
  id uuid PRIMARY KEY DEFAULT uuid_v7(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  contract_id uuid NOT NULL,
  token_hash char(64) NOT NULL CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  sent_to_email varchar(320) NOT NULL,
  viewed_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (organization_id, contract_id) REFERENCES contracts (organization_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX contract_links_organization_id_id_key ON contract_links (organization_id, id);
CREATE UNIQUE INDEX contract_links_organization_id_token_hash_key ON contract_links (organization_id, token_hash);
CREATE INDEX contract_links_token_hash_idx ON contract_links (token_hash);
CREATE INDEX contract_links_organization_id_contract_id_idx ON contract_links (organization_id, contract_id);
SELECT parley_enable_tenant_rls('contract_links');
CREATE TRIGGER contract_links_set_updated_at BEFORE UPDATE ON contract_links FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- Sending a proposal to the client with a public link (issue 5).
--
-- A link is a random token handed out once by email; only its sha256 is kept. A version can
-- have several links over time: re-sending revokes the open ones and issues a new one, and the
-- rep can revoke a link without sending another. The public page finds a link by its hash
-- through a named system.ts function (the visitor is in no organization), then works inside
-- the proposal's organization like any other request.
CREATE TABLE proposal_links (
  id uuid PRIMARY KEY DEFAULT uuid_v7(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  proposal_id uuid NOT NULL,
  token_hash char(64) NOT NULL CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  sent_to_email varchar(320) NOT NULL,
  revoked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (organization_id, proposal_id) REFERENCES proposals (organization_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX proposal_links_organization_id_id_key ON proposal_links (organization_id, id);
CREATE UNIQUE INDEX proposal_links_organization_id_token_hash_key ON proposal_links (organization_id, token_hash);
-- The public page's lookup, across organizations (system role only).
CREATE INDEX proposal_links_token_hash_idx ON proposal_links (token_hash);
CREATE INDEX proposal_links_organization_id_proposal_id_idx ON proposal_links (organization_id, proposal_id);
SELECT parley_enable_tenant_rls('proposal_links');
CREATE TRIGGER proposal_links_set_updated_at BEFORE UPDATE ON proposal_links FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- The client's answer through the link: the name they typed to accept, and where they answered from.
ALTER TABLE proposals
  ADD COLUMN accepted_by_name varchar(200),
  ADD COLUMN decided_ip varchar(64),
  ADD COLUMN decided_user_agent varchar(1000);

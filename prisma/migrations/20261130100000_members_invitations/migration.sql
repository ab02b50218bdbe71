-- Members and invitations: an organization invites people by email with a role. The invite
-- link's single-use token lives in the global verification_tokens table (purpose
-- 'invitation', identifier = the invitation's id, only its sha256 stored); the invitation
-- itself is a tenant row, so the members page lists and manages it under RLS.

CREATE TYPE invitation_status AS ENUM ('pending', 'accepted', 'revoked', 'expired');

CREATE TABLE invitations (
  id uuid PRIMARY KEY DEFAULT uuid_v7(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  email varchar(320) NOT NULL CHECK (email = lower(email) AND position('@' IN email) > 1),
  -- The role the invitee joins with. A pending invitation always has one (the role cannot be
  -- deleted under it); a settled one keeps its history if its custom role is deleted later.
  role_id uuid,
  status invitation_status NOT NULL DEFAULT 'pending',
  invited_by uuid REFERENCES users (id) ON DELETE SET NULL,
  accepted_by uuid REFERENCES users (id) ON DELETE SET NULL,
  revoked_by uuid REFERENCES users (id) ON DELETE SET NULL,
  expires_at timestamptz NOT NULL,
  accepted_at timestamptz,
  revoked_at timestamptz,
  last_sent_at timestamptz NOT NULL DEFAULT now(),
  send_count integer NOT NULL DEFAULT 1 CHECK (send_count >= 1),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (status <> 'pending' OR role_id IS NOT NULL),
  CHECK (status <> 'accepted' OR accepted_at IS NOT NULL),
  CHECK (status <> 'revoked' OR revoked_at IS NOT NULL),
  FOREIGN KEY (organization_id, role_id) REFERENCES roles (organization_id, id) ON DELETE SET NULL (role_id)
);
CREATE UNIQUE INDEX invitations_organization_id_id_key ON invitations (organization_id, id);
-- One open invitation per address and organization.
CREATE UNIQUE INDEX invitations_organization_id_email_pending_key ON invitations (organization_id, email) WHERE status = 'pending';
-- The members page: pending first, newest first; seat counting reads pending ones.
CREATE INDEX invitations_organization_id_status_created_at_idx ON invitations (organization_id, status, created_at DESC);
CREATE INDEX invitations_organization_id_role_id_idx ON invitations (organization_id, role_id);

SELECT parley_enable_tenant_rls('invitations');
CREATE TRIGGER invitations_set_updated_at BEFORE UPDATE ON invitations FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- Issuing, resending and revoking an invitation happen in the organization's own transaction
-- (withOrg), so its token is written atomically with it: the app role may read, insert and
-- update invitation tokens whose invitation it can see (RLS on invitations limits that to the
-- current organization), and no other verification token (the restrictive policy).
-- Looking a token up from the link (no organization known yet) stays with the system role.
CREATE INDEX verification_tokens_identifier_purpose_idx ON verification_tokens (identifier, purpose);
CREATE POLICY verification_tokens_org_invitation ON verification_tokens TO parley_app
  USING (purpose = 'invitation' AND EXISTS (SELECT 1 FROM invitations i WHERE i.id::text = verification_tokens.identifier))
  WITH CHECK (purpose = 'invitation' AND EXISTS (SELECT 1 FROM invitations i WHERE i.id::text = verification_tokens.identifier));
CREATE POLICY verification_tokens_app_invitations_only ON verification_tokens AS RESTRICTIVE TO parley_app
  USING (purpose = 'invitation')
  WITH CHECK (purpose = 'invitation');
GRANT SELECT, INSERT, UPDATE ON verification_tokens TO parley_app;

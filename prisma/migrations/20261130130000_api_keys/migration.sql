-- API keys (seed 003 api_keys): a key authenticates tRPC calls over HTTP for its organization,
-- with exactly its scopes (never more than its creator's role still grants). The key handed
-- out is prly_<id>_<secret>: it is found by id and checked against the secret's sha256, so no
-- index over hashes (which would have to be unique across organizations) is needed.
CREATE TABLE api_keys (
  id uuid PRIMARY KEY DEFAULT uuid_v7(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  name varchar(255) NOT NULL CHECK (length(btrim(name)) > 0),
  key_prefix varchar(32) NOT NULL,
  key_hash varchar(64) NOT NULL,
  permissions jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(permissions) = 'array'),
  expires_at timestamptz,
  last_used_at timestamptz,
  is_active boolean NOT NULL DEFAULT true,
  revoked_at timestamptz,
  revoked_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX api_keys_organization_id_id_key ON api_keys (organization_id, id);
CREATE INDEX api_keys_organization_id_created_at_idx ON api_keys (organization_id, created_at DESC);

SELECT parley_enable_tenant_rls('api_keys');
CREATE TRIGGER api_keys_set_updated_at BEFORE UPDATE ON api_keys FOR EACH ROW EXECUTE FUNCTION set_updated_at();

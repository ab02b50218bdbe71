-- Every foreign key gets an index that starts with its columns (../shared/checks/fk-index-audit.sql
-- finds none missing after this). Without one, each deleted parent row makes PostgreSQL scan the
-- whole referencing table for the ON DELETE check: undoing a 2,500-row import scanned leads once
-- per deleted contact and ran into the statement timeout; deleting a user or a pipeline stage
-- does the same on every table that points at it.
--
-- Nullable columns get partial indexes (WHERE col IS NOT NULL): the delete checks compare with
-- "=", which never matches NULL, so rows without a link need no entry and cost nothing to write.
-- Where a list filter already had (organization_id, owner) the index is turned around to
-- (owner, organization_id): it serves the same equality filters and the user's delete check too.

-- Tenant links (composite, as every link between tenant tables is).
CREATE INDEX leads_organization_id_contact_id_idx ON leads (organization_id, contact_id) WHERE contact_id IS NOT NULL;
CREATE INDEX opportunities_organization_id_contact_id_idx ON opportunities (organization_id, contact_id) WHERE contact_id IS NOT NULL;
CREATE INDEX opportunities_organization_id_current_stage_id_idx ON opportunities (organization_id, current_stage_id);
CREATE INDEX opportunity_stage_history_organization_id_from_stage_id_idx ON opportunity_stage_history (organization_id, from_stage_id) WHERE from_stage_id IS NOT NULL;
CREATE INDEX opportunity_stage_history_organization_id_to_stage_id_idx ON opportunity_stage_history (organization_id, to_stage_id) WHERE to_stage_id IS NOT NULL;
CREATE INDEX proposals_organization_id_template_id_idx ON proposals (organization_id, template_id) WHERE template_id IS NOT NULL;

-- Links to users (rows go when an account is deleted).
DROP INDEX companies_organization_id_owner_id_idx;
CREATE INDEX companies_owner_id_organization_id_idx ON companies (owner_id, organization_id);
DROP INDEX opportunities_organization_id_owner_id_idx;
CREATE INDEX opportunities_owner_id_organization_id_idx ON opportunities (owner_id, organization_id);
DROP INDEX leads_organization_id_assigned_to_idx;
CREATE INDEX leads_assigned_to_organization_id_idx ON leads (assigned_to, organization_id);

CREATE INDEX memberships_assigned_by_idx ON memberships (assigned_by) WHERE assigned_by IS NOT NULL;
CREATE INDEX companies_created_by_idx ON companies (created_by) WHERE created_by IS NOT NULL;
CREATE INDEX contacts_created_by_idx ON contacts (created_by) WHERE created_by IS NOT NULL;
CREATE INDEX contacts_owner_id_idx ON contacts (owner_id) WHERE owner_id IS NOT NULL;
CREATE INDEX timeline_events_actor_id_idx ON timeline_events (actor_id) WHERE actor_id IS NOT NULL;
CREATE INDEX saved_views_user_id_idx ON saved_views (user_id);
CREATE INDEX opportunities_created_by_idx ON opportunities (created_by) WHERE created_by IS NOT NULL;
CREATE INDEX opportunity_stage_history_moved_by_idx ON opportunity_stage_history (moved_by) WHERE moved_by IS NOT NULL;
CREATE INDEX leads_created_by_idx ON leads (created_by) WHERE created_by IS NOT NULL;
CREATE INDEX leads_qualified_by_idx ON leads (qualified_by) WHERE qualified_by IS NOT NULL;
CREATE INDEX lead_scoring_settings_updated_by_idx ON lead_scoring_settings (updated_by) WHERE updated_by IS NOT NULL;
CREATE INDEX interactions_initiated_by_idx ON interactions (initiated_by) WHERE initiated_by IS NOT NULL;
CREATE INDEX tasks_assigned_to_idx ON tasks (assigned_to) WHERE assigned_to IS NOT NULL;
CREATE INDEX tasks_created_by_idx ON tasks (created_by) WHERE created_by IS NOT NULL;
CREATE INDEX imports_created_by_idx ON imports (created_by) WHERE created_by IS NOT NULL;
CREATE INDEX imports_undone_by_idx ON imports (undone_by) WHERE undone_by IS NOT NULL;
CREATE INDEX invitations_accepted_by_idx ON invitations (accepted_by) WHERE accepted_by IS NOT NULL;
CREATE INDEX invitations_invited_by_idx ON invitations (invited_by) WHERE invited_by IS NOT NULL;
CREATE INDEX invitations_revoked_by_idx ON invitations (revoked_by) WHERE revoked_by IS NOT NULL;
CREATE INDEX api_keys_revoked_by_idx ON api_keys (revoked_by) WHERE revoked_by IS NOT NULL;
CREATE INDEX api_keys_user_id_idx ON api_keys (user_id) WHERE user_id IS NOT NULL;
CREATE INDEX organization_exports_requested_by_idx ON organization_exports (requested_by) WHERE requested_by IS NOT NULL;
CREATE INDEX products_created_by_idx ON products (created_by) WHERE created_by IS NOT NULL;
CREATE INDEX proposal_templates_created_by_idx ON proposal_templates (created_by) WHERE created_by IS NOT NULL;
CREATE INDEX proposals_created_by_idx ON proposals (created_by) WHERE created_by IS NOT NULL;
CREATE INDEX approval_requests_approver_id_idx ON approval_requests (approver_id) WHERE approver_id IS NOT NULL;
CREATE INDEX approval_requests_requester_id_idx ON approval_requests (requester_id) WHERE requester_id IS NOT NULL;
CREATE INDEX approval_requests_resolved_by_idx ON approval_requests (resolved_by) WHERE resolved_by IS NOT NULL;
CREATE INDEX contracts_created_by_idx ON contracts (created_by) WHERE created_by IS NOT NULL;
CREATE INDEX contracts_internal_signed_by_idx ON contracts (internal_signed_by) WHERE internal_signed_by IS NOT NULL;
CREATE INDEX contracts_owner_id_idx ON contracts (owner_id) WHERE owner_id IS NOT NULL;

-- The one exception: permissions are the fixed catalog (resource x action) the migrations
-- insert. Nothing in the app deletes one; a migration that retires a permission scans
-- role_permissions once for it, which a migration can afford. An index here would be written
-- for every permission of every role each organization gets.
COMMENT ON CONSTRAINT role_permissions_permission_id_fkey ON role_permissions IS
  'no index: permissions are a fixed catalog only migrations change; the app never deletes one';

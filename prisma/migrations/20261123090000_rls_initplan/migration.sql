-- RLS policies read the current organization through a scalar subquery, so PostgreSQL
-- evaluates current_setting() once per statement (an InitPlan) instead of once per row, and
-- can use it as an index condition. Same rule, cheaper to check (see bench/tenancy.bench.ts).
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['roles', 'role_permissions', 'memberships', 'audit_logs'] LOOP
    EXECUTE format('DROP POLICY %I ON %I', t || '_tenant_isolation', t);
    EXECUTE format($p$CREATE POLICY %I ON %I
      USING (organization_id = (SELECT NULLIF(current_setting('app.current_org_id', TRUE), '')::uuid))
      WITH CHECK (organization_id = (SELECT NULLIF(current_setting('app.current_org_id', TRUE), '')::uuid))$p$,
      t || '_tenant_isolation', t);
  END LOOP;
  FOREACH t IN ARRAY ARRAY['sessions', 'oauth_accounts', 'verification_tokens', 'security_events'] LOOP
    EXECUTE format('DROP POLICY %I ON %I', t || '_own', t);
    EXECUTE format($p$CREATE POLICY %I ON %I
      USING (user_id = (SELECT NULLIF(current_setting('app.current_user_id', TRUE), '')::uuid))
      WITH CHECK (user_id = (SELECT NULLIF(current_setting('app.current_user_id', TRUE), '')::uuid))$p$,
      t || '_own', t);
  END LOOP;
END
$$;

DROP POLICY organizations_current ON organizations;
CREATE POLICY organizations_current ON organizations
  USING (id = (SELECT NULLIF(current_setting('app.current_org_id', TRUE), '')::uuid))
  WITH CHECK (id = (SELECT NULLIF(current_setting('app.current_org_id', TRUE), '')::uuid));

DROP POLICY users_visible ON users;
CREATE POLICY users_visible ON users
  USING (id = (SELECT NULLIF(current_setting('app.current_user_id', TRUE), '')::uuid)
         OR EXISTS (SELECT 1 FROM memberships m
                    WHERE m.user_id = users.id
                      AND m.organization_id = (SELECT NULLIF(current_setting('app.current_org_id', TRUE), '')::uuid)))
  WITH CHECK (id = (SELECT NULLIF(current_setting('app.current_user_id', TRUE), '')::uuid));

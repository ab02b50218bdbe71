-- Sign-in throttling counters and the dev outbox are global tables that no query needs to see
-- across organizations' RLS for: the app role reaches them with plain grants, so the system
-- role (BYPASSRLS) is no longer used for them (src/server/db/rate-limits.ts, outbox.ts).
GRANT SELECT, INSERT, UPDATE, DELETE ON auth_rate_limits TO parley_app;
GRANT SELECT, INSERT, DELETE ON dev_outbox_messages TO parley_app;

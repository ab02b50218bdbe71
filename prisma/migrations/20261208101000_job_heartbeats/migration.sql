-- Imports, their undo and organization exports run as pg-boss jobs that any server can judge:
-- the worker stamps heartbeat_at while it works, and job_id names the one pg-boss job allowed to
-- write (a requeued job gets a new id, so a worker that was given up on cannot write again).
-- A sweep on every server requeues or fails work whose heartbeat went stale (src/server/jobs/sweep.ts).
ALTER TABLE imports
  ADD COLUMN job_id uuid,
  ADD COLUMN heartbeat_at timestamptz,
  -- how many times the current run (import or undo) was started; capped by the sweep
  ADD COLUMN attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  -- undo's progress: records to remove or restore, and how many are done
  ADD COLUMN undo_total integer NOT NULL DEFAULT 0 CHECK (undo_total >= 0),
  ADD COLUMN undo_done integer NOT NULL DEFAULT 0 CHECK (undo_done >= 0);

ALTER TABLE organization_exports
  ADD COLUMN job_id uuid,
  ADD COLUMN heartbeat_at timestamptz,
  ADD COLUMN attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0);

-- Work in flight before this migration has no heartbeat: stamp it now, so the sweep judges it
-- like any other after the stale interval (its server is gone if this runs at a deploy).
UPDATE imports SET heartbeat_at = now() WHERE status = 'running';
UPDATE organization_exports SET heartbeat_at = now() WHERE status IN ('queued', 'running');

-- The sweep looks across organizations for live work only.
CREATE INDEX imports_live_idx ON imports (heartbeat_at) WHERE status IN ('running', 'undoing');
CREATE INDEX organization_exports_live_idx ON organization_exports (heartbeat_at) WHERE status IN ('queued', 'running');

-- pg-boss gets a role of its own, limited to its schema (granted by src/server/jobs/install.ts),
-- instead of connecting as the BYPASSRLS system role: the queue's connection can read no tenant
-- data; job handlers reach tenant data through withOrg or named system functions.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'parley_jobs') THEN
    CREATE ROLE parley_jobs NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
  END IF;
END
$$;

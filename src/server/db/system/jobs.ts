// Background jobs' sweeps across organizations (each job then scopes itself with withOrg).
import "server-only";
import { systemDb } from "../client";

/** Work (an import, its undo, an organization export) whose worker stopped stamping its heartbeat. */
export interface StaleWork {
  kind: "import" | "undo" | "export";
  id: string;
  organizationId: string;
  /** Who the work acts for (the importer, the person undoing, the requester). */
  userId: string | null;
  /** The pg-boss job that owned it; null when none was ever sent. */
  jobId: string | null;
  attempts: number;
}

const staleSeconds = (ms: number) => ms / 1000;

/**
 * Live work whose heartbeat is older than `staleAfterMs` (on the database's clock). An undo that
 * stopped on an error waits for the user to retry it, so it is not stale work.
 */
export async function findStaleWork(staleAfterMs: number): Promise<StaleWork[]> {
  const secs = staleSeconds(staleAfterMs);
  return systemDb().$queryRaw<StaleWork[]>`
    SELECT CASE WHEN status = 'running' THEN 'import' ELSE 'undo' END AS kind, id, organization_id AS "organizationId",
           CASE WHEN status = 'running' THEN created_by ELSE undone_by END AS "userId", job_id AS "jobId", attempts
    FROM imports
    WHERE status IN ('running', 'undoing') AND (status = 'running' OR error IS NULL)
      AND (heartbeat_at IS NULL OR heartbeat_at < now() - make_interval(secs => ${secs}))
    UNION ALL
    SELECT 'export', id, organization_id, requested_by, job_id, attempts
    FROM organization_exports
    WHERE status IN ('queued', 'running')
      AND (heartbeat_at IS NULL OR heartbeat_at < now() - make_interval(secs => ${secs}))
    ORDER BY 2`;
}

/**
 * Hands stale work to a new pg-boss job (`newJobId`, sent by the caller once this returns true).
 * Only if it is still stale and still owned by the job the sweep saw: two servers sweeping at
 * once, or a worker that came back to life, make this a no-op. The heartbeat is set to now, so
 * the new job gets the whole stale interval to start.
 */
export async function requeueStaleWork(work: StaleWork, newJobId: string, staleAfterMs: number): Promise<boolean> {
  const secs = staleSeconds(staleAfterMs);
  const db = systemDb();
  const n = work.kind === "export"
    ? await db.$executeRaw`
        UPDATE organization_exports SET job_id = ${newJobId}::uuid, heartbeat_at = now(), attempts = attempts + 1,
          status = 'queued', tables_done = 0, rows_exported = 0, current_table = NULL
        WHERE id = ${work.id}::uuid AND status IN ('queued', 'running') AND job_id IS NOT DISTINCT FROM ${work.jobId}::uuid
          AND (heartbeat_at IS NULL OR heartbeat_at < now() - make_interval(secs => ${secs}))`
    : await db.$executeRaw`
        UPDATE imports SET job_id = ${newJobId}::uuid, heartbeat_at = now(), attempts = attempts + 1
        WHERE id = ${work.id}::uuid AND status = ${work.kind === "import" ? "running" : "undoing"}::import_status
          AND job_id IS NOT DISTINCT FROM ${work.jobId}::uuid
          AND (heartbeat_at IS NULL OR heartbeat_at < now() - make_interval(secs => ${secs}))`;
  return n === 1;
}

/**
 * Gives up on stale work that was started too often. An import is failed (what it wrote stays,
 * and can be undone); an undo stops where it is, saying how far it got, for the user to retry;
 * an export is failed. Returns false when the work was no longer stale or had changed hands.
 */
export async function giveUpStaleWork(work: StaleWork, staleAfterMs: number): Promise<boolean> {
  const secs = staleSeconds(staleAfterMs);
  return systemDb().$transaction(async (tx) => {
    if (work.kind === "export") {
      const n = await tx.$executeRaw`
        UPDATE organization_exports SET status = 'failed', job_id = NULL, heartbeat_at = NULL, finished_at = now(),
          error = 'The export stopped before it finished (its server went away). Ask for a new one.'
        WHERE id = ${work.id}::uuid AND status IN ('queued', 'running') AND job_id IS NOT DISTINCT FROM ${work.jobId}::uuid
          AND (heartbeat_at IS NULL OR heartbeat_at < now() - make_interval(secs => ${secs}))`;
      return n === 1;
    }
    const rows = work.kind === "import"
      ? await tx.$queryRaw<{ error: string }[]>`
          UPDATE imports SET status = 'failed', job_id = NULL, heartbeat_at = NULL, finished_at = now(),
            error = format('The server stopped after %s of %s rows of this import. Undo it to remove what it wrote, then import the file again.', processed_rows, total_rows)
          WHERE id = ${work.id}::uuid AND status = 'running' AND job_id IS NOT DISTINCT FROM ${work.jobId}::uuid
            AND (heartbeat_at IS NULL OR heartbeat_at < now() - make_interval(secs => ${secs}))
          RETURNING error`
      : await tx.$queryRaw<{ error: string }[]>`
          UPDATE imports SET job_id = NULL, heartbeat_at = NULL,
            error = format('The undo stopped after %s of %s records. Nothing is half-removed: undo again to finish it.', undo_done, undo_total)
          WHERE id = ${work.id}::uuid AND status = 'undoing' AND error IS NULL AND job_id IS NOT DISTINCT FROM ${work.jobId}::uuid
            AND (heartbeat_at IS NULL OR heartbeat_at < now() - make_interval(secs => ${secs}))
          RETURNING error`;
    if (!rows.length) return false;
    await tx.auditLog.create({
      data: {
        organizationId: work.organizationId, action: work.kind === "import" ? "import.fail" : "import.undo_stop", resourceType: "import",
        resourceId: work.id, newValues: { error: rows[0]!.error }, userAgent: "system",
      },
    });
    return true;
  });
}

/**
 * Which of these organizations exist in this database. File cleanup looks only into their
 * folders: another database's files may share the directory (a test run beside a dev server),
 * and a deleted organization's folder goes with it.
 */
export async function existingOrganizations(ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await systemDb().organization.findMany({ where: { id: { in: ids } }, select: { id: true } });
  return new Set(rows.map((r) => r.id));
}

/** What the file cleanup needs to know about the imports whose files it found. */
export async function importFileStates(ids: string[]) {
  if (!ids.length) return [];
  return systemDb().import.findMany({ where: { id: { in: ids } }, select: { id: true, organizationId: true, status: true, createdAt: true, updatedAt: true } });
}

/** An upload nobody started within the keeping period: its file goes, and the import says why. */
export async function expireUpload(importId: string, keepDays: number): Promise<boolean> {
  const { count } = await systemDb().import.updateMany({
    where: { id: importId, status: "uploaded" },
    data: { status: "failed", finishedAt: new Date(), error: `The uploaded file was kept for ${keepDays} days without being imported and has been removed. Upload it again to import it.` },
  });
  return count === 1;
}

/** What the file cleanup needs to know about the exports whose files it found. */
export async function exportFileStates(ids: string[]) {
  if (!ids.length) return [];
  return systemDb().organizationExport.findMany({ where: { id: { in: ids } }, select: { id: true, status: true, jobId: true, expiresAt: true } });
}

/**
 * The renewal job's sweep: organizations with an active contract whose end has passed (to renew
 * or expire) or that ends within `reminderDays` and has had no reminder. "Today" is each
 * organization's own date in its time zone.
 */
export async function organizationsWithContractsDue(reminderDays: number): Promise<string[]> {
  const rows = await systemDb().$queryRaw<{ organization_id: string }[]>`
    SELECT DISTINCT c.organization_id FROM contracts c JOIN organizations o ON o.id = c.organization_id
    WHERE c.status = 'active' AND c.end_date IS NOT NULL AND o.is_active
      AND (c.end_date < (now() AT TIME ZONE o.timezone)::date
        OR (c.renewal_reminder_sent_at IS NULL AND c.end_date <= (now() AT TIME ZONE o.timezone)::date + ${reminderDays}::int))`;
  return rows.map((r) => r.organization_id);
}

// Background jobs' sweeps across organizations (each job then scopes itself with withOrg).
import "server-only";
import { systemDb } from "../client";

/**
 * Marks as failed the imports whose server stopped while they ran. A running import touches its
 * row with every batch (a fraction of a second apart), so one untouched for `staleAfterMs` has
 * no process behind it, whichever server started it. What it wrote stays, and can be undone.
 */
export async function failStaleImports(staleAfterMs = 120_000): Promise<number> {
  return systemDb().$transaction(async (tx) => {
    const stale = await tx.import.findMany({
      where: { status: "running", updatedAt: { lt: new Date(Date.now() - staleAfterMs) } },
      select: { id: true, organizationId: true, processedRows: true },
    });
    for (const imp of stale) {
      const error = `The server stopped after ${imp.processedRows} rows of this import. Undo it to remove what it wrote, then import the file again.`;
      await tx.import.update({ where: { id: imp.id }, data: { status: "failed", error, finishedAt: new Date() } });
      await tx.auditLog.create({
        data: { organizationId: imp.organizationId, action: "import.fail", resourceType: "import", resourceId: imp.id, newValues: { error }, userAgent: "system" },
      });
    }
    return stale.length;
  });
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

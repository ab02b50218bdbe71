import type { Prisma } from "@/generated/prisma/client";
import type { AuditEntry } from "@/server/api/scope";
import type { RequestMeta } from "@/server/request-meta";
import type { Tx } from "@/server/db/tenant";

const asJson = (value: unknown) =>
  value === undefined || value === null ? undefined : (JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue);

/** Writes one audit row inside the caller's transaction: it commits or rolls back with the change. */
export async function writeAuditLog(
  tx: Tx,
  actor: { orgId: string; userId: string | null; meta: RequestMeta },
  entry: AuditEntry,
): Promise<void> {
  await tx.auditLog.create({
    data: {
      organizationId: actor.orgId,
      userId: actor.userId,
      action: entry.action,
      resourceType: entry.resourceType,
      resourceId: entry.resourceId ?? null,
      oldValues: asJson(entry.oldValues),
      newValues: asJson(entry.newValues),
      details: asJson(actor.meta.apiKeyId ? { ...entry.details, apiKeyId: actor.meta.apiKeyId } : entry.details) ?? {},
      ipAddress: actor.meta.ip,
      userAgent: actor.meta.userAgent,
    },
  });
}

import type { z } from "zod";
import type { OrgScope } from "@/server/api/scope";
import type { listAuditLogSchema } from "./audit.schema";

/** Newest first, keyset-paginated on the v7 id (which sorts by creation time). */
export async function listAuditLog(scope: OrgScope, input: z.output<typeof listAuditLogSchema>) {
  const rows = await scope.tx.auditLog.findMany({
    where: { resourceType: input.resourceType || undefined, ...(input.cursor ? { id: { lt: input.cursor } } : {}) },
    select: {
      id: true, action: true, resourceType: true, resourceId: true, oldValues: true, newValues: true,
      ipAddress: true, createdAt: true, user: { select: { id: true, fullName: true, email: true } },
    },
    orderBy: { id: "desc" },
    take: input.limit + 1,
  });
  const hasMore = rows.length > input.limit;
  const items = hasMore ? rows.slice(0, input.limit) : rows;
  return { items, nextCursor: hasMore ? items[items.length - 1]!.id : null };
}

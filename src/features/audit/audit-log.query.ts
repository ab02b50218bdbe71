import type { Prisma } from "@/generated/prisma/client";
import { notFound } from "@/server/api/errors";
import type { OrgScope } from "@/server/api/scope";
import type { ListAuditLogInput } from "./audit.schema";

const DAY_MS = 86_400_000;

function where(input: ListAuditLogInput): Prisma.AuditLogWhereInput {
  const action = input.action;
  return {
    ...(input.resourceType ? { resourceType: input.resourceType } : {}),
    ...(input.userId ? { userId: input.userId } : {}),
    // "lead" finds lead.create, lead.update…; "lead.update" finds just that.
    ...(action ? (action.includes(".") ? { action } : { action: { startsWith: `${action}.` } }) : {}),
    ...(input.from || input.to ? {
      createdAt: {
        ...(input.from ? { gte: new Date(`${input.from}T00:00:00Z`) } : {}),
        ...(input.to ? { lt: new Date(new Date(`${input.to}T00:00:00Z`).getTime() + DAY_MS) } : {}),
      },
    } : {}),
    ...(input.cursor ? { id: { lt: input.cursor } } : {}),
  };
}

/** Newest first, keyset-paginated on the v7 id (which sorts by creation time). */
export async function listAuditLog(scope: OrgScope, input: ListAuditLogInput) {
  // Filtering by someone who never belonged here is as unknown as any other org's id.
  if (input.userId && !(await scope.tx.membership.findFirst({ where: { userId: input.userId }, select: { id: true } }))
    && !(await scope.tx.auditLog.findFirst({ where: { userId: input.userId }, select: { id: true } }))) {
    throw notFound("Member");
  }
  const rows = await scope.tx.auditLog.findMany({
    where: where(input),
    select: {
      id: true, action: true, resourceType: true, resourceId: true, oldValues: true, newValues: true, details: true,
      ipAddress: true, userAgent: true, createdAt: true, user: { select: { id: true, fullName: true, email: true } },
    },
    orderBy: { id: "desc" },
    take: input.limit + 1,
  });
  const hasMore = rows.length > input.limit;
  const items = hasMore ? rows.slice(0, input.limit) : rows;
  return { items, nextCursor: hasMore ? items[items.length - 1]!.id : null };
}

/** What the filters can choose from: the resource types and action families that occur. */
export async function auditLogFacets(scope: OrgScope) {
  const [resources, actions] = [
    await scope.tx.auditLog.groupBy({ by: ["resourceType"], orderBy: { resourceType: "asc" } }),
    await scope.tx.auditLog.groupBy({ by: ["action"], orderBy: { action: "asc" } }),
  ];
  return { resourceTypes: resources.map((r) => r.resourceType), actions: actions.map((a) => a.action) };
}

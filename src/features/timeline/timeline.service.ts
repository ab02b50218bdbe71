// The user-visible history of a record. Written by services in the same transaction as the
// change it describes (alongside the audit row, which is for admins).
import type { Prisma } from "@/generated/prisma/client";
import type { OrgScope } from "@/server/api/scope";

export type TimelineSubject = "company" | "contact" | "lead" | "opportunity" | "task";

export interface TimelineEntry {
  subjectType: TimelineSubject;
  subjectId: string;
  eventType: string;
  title: string;
  description?: string | null;
  metadata?: Record<string, unknown>;
}

export async function recordTimelineEvent(scope: OrgScope, entry: TimelineEntry): Promise<void> {
  await scope.tx.timelineEvent.create({
    data: {
      organizationId: scope.orgId,
      actorId: scope.userId,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId,
      eventType: entry.eventType,
      title: entry.title,
      description: entry.description ?? null,
      metadata: (entry.metadata ?? {}) as Prisma.InputJsonValue,
    },
  });
}

export async function listTimeline(scope: OrgScope, subjectType: TimelineSubject, subjectId: string, limit = 50) {
  const events = await scope.tx.timelineEvent.findMany({
    where: { subjectType, subjectId },
    orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    take: limit,
    select: {
      id: true, eventType: true, title: true, description: true, metadata: true, occurredAt: true,
      actor: { select: { id: true, fullName: true } },
    },
  });
  const imported = await importedEntry(scope, subjectType, subjectId);
  // The record's first moment: it belongs last, unless the page is full of later events.
  if (imported && (events.length < limit || imported.occurredAt >= events[events.length - 1]!.occurredAt)) {
    return [...events.filter((e) => e.occurredAt > imported.occurredAt), imported, ...events.filter((e) => e.occurredAt <= imported.occurredAt)].slice(0, limit);
  }
  return events;
}

/** "Imported from <file>", read off the record itself (imports write no event per record). */
async function importedEntry(scope: OrgScope, subjectType: TimelineSubject, subjectId: string) {
  const where = { organizationId_id: { organizationId: scope.orgId, id: subjectId } };
  const select = { importId: true, createdAt: true } as const;
  const record = subjectType === "company" ? await scope.tx.company.findUnique({ where, select })
    : subjectType === "contact" ? await scope.tx.contact.findUnique({ where, select })
    : subjectType === "lead" ? await scope.tx.lead.findUnique({ where, select })
    : null;
  if (!record?.importId) return null;
  const imp = await scope.tx.import.findUnique({
    where: { organizationId_id: { organizationId: scope.orgId, id: record.importId } },
    select: { id: true, fileName: true, creator: { select: { id: true, fullName: true } } },
  });
  if (!imp) return null;
  return {
    id: `import-${imp.id}`, eventType: "imported", title: `Imported from ${imp.fileName}`, description: null,
    metadata: { importId: imp.id } as Prisma.JsonValue, occurredAt: record.createdAt, actor: imp.creator,
  };
}

export async function deleteTimeline(scope: OrgScope, subjectType: TimelineSubject, subjectId: string): Promise<void> {
  await scope.tx.timelineEvent.deleteMany({ where: { subjectType, subjectId } });
}

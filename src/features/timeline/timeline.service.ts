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

export function listTimeline(scope: OrgScope, subjectType: TimelineSubject, subjectId: string, limit = 50) {
  return scope.tx.timelineEvent.findMany({
    where: { subjectType, subjectId },
    orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    take: limit,
    select: {
      id: true, eventType: true, title: true, description: true, metadata: true, occurredAt: true,
      actor: { select: { id: true, fullName: true } },
    },
  });
}

export async function deleteTimeline(scope: OrgScope, subjectType: TimelineSubject, subjectId: string): Promise<void> {
  await scope.tx.timelineEvent.deleteMany({ where: { subjectType, subjectId } });
}

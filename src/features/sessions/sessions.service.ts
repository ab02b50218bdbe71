import type { z } from "zod";
import { notFound } from "@/server/api/errors";
import type { UserScope } from "@/server/api/scope";
import type { revokeSessionSchema } from "./sessions.schema";

/** The caller's live sessions, newest use first; the one making this request is marked. */
export async function listSessions(scope: UserScope) {
  const sessions = await scope.tx.session.findMany({
    where: { userId: scope.userId, revokedAt: null, expiresAt: { gt: new Date() } },
    select: { id: true, ipAddress: true, userAgent: true, createdAt: true, lastUsedAt: true, expiresAt: true },
    orderBy: { lastUsedAt: "desc" },
  });
  return sessions.map((s) => ({ ...s, current: s.id === scope.sessionId }));
}

async function logEvent(scope: UserScope, event: string, details: Record<string, unknown>) {
  await scope.tx.securityEvent.create({
    data: { userId: scope.userId, event, ipAddress: scope.meta.ip, userAgent: scope.meta.userAgent, details: details as object },
  });
}

export async function revokeSession(scope: UserScope, input: z.output<typeof revokeSessionSchema>) {
  const { count } = await scope.tx.session.updateMany({
    where: { id: input.sessionId, userId: scope.userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0) throw notFound("Session");
  await logEvent(scope, "session.revoked", { sessionId: input.sessionId });
  return { revoked: count };
}

export async function revokeOtherSessions(scope: UserScope) {
  const { count } = await scope.tx.session.updateMany({
    where: { userId: scope.userId, revokedAt: null, id: { not: scope.sessionId } },
    data: { revokedAt: new Date() },
  });
  await logEvent(scope, "session.revoked_others", { count });
  return { revoked: count };
}

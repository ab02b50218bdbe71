import { AppError } from "@/server/api/errors";
import type { OrgScope } from "@/server/api/scope";

/**
 * A user id given as an owner or assignee must belong to an active member of this
 * organization; anyone else is "not found", exactly like an id that does not exist.
 */
export async function assertActiveMember(scope: OrgScope, userId: string | null | undefined, field: string): Promise<void> {
  if (!userId) return;
  const member = await scope.tx.membership.findFirst({ where: { userId, status: "active" }, select: { id: true } });
  if (!member) throw new AppError("NOT_FOUND", "That person is not a member of this organization", field);
}

/** The same check for several people at once (a deal's team), in one query. */
export async function assertActiveMembers(scope: OrgScope, userIds: readonly string[], field: string): Promise<void> {
  const wanted = [...new Set(userIds)];
  if (!wanted.length) return;
  const found = await scope.tx.membership.count({ where: { userId: { in: wanted }, status: "active" } });
  if (found !== wanted.length) throw new AppError("NOT_FOUND", "That person is not a member of this organization", field);
}

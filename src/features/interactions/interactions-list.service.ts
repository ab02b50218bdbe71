// The Activities list: every interaction in the organization, filtered, sorted and paged on
// the server. (A record's own interactions are listInteractions in interactions.service.ts.)
import type { Prisma } from "@/generated/prisma/client";
import { recordRefsSelect } from "@/features/records/record-refs";
import { dayEnd, dayStart } from "@/lib/iso-day";
import { literalContains } from "@/lib/like-pattern";
import { toPage } from "@/lib/pagination";
import type { OrgScope } from "@/server/api/scope";
import { interactionState } from "./interaction-state";
import type { BrowseInteractionsQuery } from "./interactions.schema";

export const interactionRowSelect = {
  id: true, type: true, direction: true, subject: true, summary: true, outcome: true, callDuration: true,
  sentiment: true, sentimentScore: true, scheduledFor: true, completedAt: true, occurredAt: true,
  initiator: { select: { id: true, fullName: true } },
  ...recordRefsSelect,
} satisfies Prisma.InteractionSelect;

/** The status filter as conditions; `now` is passed in so a page and its count agree. */
function stateWhere(status: NonNullable<BrowseInteractionsQuery["status"]>, now: Date): Prisma.InteractionWhereInput {
  if (status === "done") return { completedAt: { not: null } };
  if (status === "planned") return { completedAt: null, scheduledFor: { gt: now } };
  return { completedAt: null, OR: [{ scheduledFor: null }, { scheduledFor: { lte: now } }] };
}

export function interactionWhere(scope: OrgScope, input: BrowseInteractionsQuery, now: Date): Prisma.InteractionWhereInput {
  const and: Prisma.InteractionWhereInput[] = [];
  if (input.type) and.push({ type: input.type });
  if (input.direction) and.push({ direction: input.direction });
  if (input.sentiment) and.push({ sentiment: input.sentiment });
  if (input.initiatedBy) and.push({ initiatedBy: input.initiatedBy === "me" ? scope.userId : input.initiatedBy });
  if (input.status) and.push(stateWhere(input.status, now));
  if (input.from) and.push({ occurredAt: { gte: dayStart(input.from) } });
  if (input.to) and.push({ occurredAt: { lte: dayEnd(input.to) } });
  if (input.search) {
    const text = literalContains(input.search);
    and.push({ OR: [{ subject: { contains: text, mode: "insensitive" } }, { summary: { contains: text, mode: "insensitive" } }] });
  }
  return { AND: and };
}

function interactionOrder(sort: BrowseInteractionsQuery["sort"], dir: "asc" | "desc"): Prisma.InteractionOrderByWithRelationInput[] {
  // Ties (same type, same subject) read newest first; the id makes paging stable.
  if (sort === "type") return [{ type: dir }, { occurredAt: "desc" }, { id: "desc" }];
  if (sort === "subject") return [{ subject: { sort: dir, nulls: "last" } }, { occurredAt: "desc" }, { id: "desc" }];
  return [{ occurredAt: dir }, { id: dir }];
}

export async function browseInteractions(scope: OrgScope, input: BrowseInteractionsQuery) {
  const now = new Date();
  const where = interactionWhere(scope, input, now);
  const rows = await scope.tx.interaction.findMany({
    where, orderBy: interactionOrder(input.sort, input.dir),
    skip: (input.page - 1) * input.pageSize, take: input.pageSize, select: interactionRowSelect,
  });
  const total = await scope.tx.interaction.count({ where });
  const items = rows.map((r) => ({ ...r, sentimentScore: r.sentimentScore?.toString() ?? null, state: interactionState(r, now) }));
  return toPage(items, total, input.page, input.pageSize);
}

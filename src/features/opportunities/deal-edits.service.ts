// Editing a deal's own facts (not its stage: that is a move, with history), archiving it off
// the board, and deleting it.
import type { z } from "zod";
import { assertActiveMember, assertActiveMembers } from "@/features/members/member-check";
import { assertRecordsExist } from "@/features/records/record-links";
import { deleteTimeline, recordTimelineEvent } from "@/features/timeline/timeline.service";
import { toDateOnly } from "@/lib/form-fields";
import { AppError, notFound } from "@/server/api/errors";
import type { OrgScope } from "@/server/api/scope";
import type { dealFieldsSchema } from "./opportunities.schema";

const key = (scope: OrgScope, id: string) => ({ organizationId_id: { organizationId: scope.orgId, id } });

export async function updateOpportunity(scope: OrgScope, id: string, values: z.output<typeof dealFieldsSchema>) {
  const before = await scope.tx.opportunity.findUnique({ where: key(scope, id) });
  if (!before) throw notFound("Deal");
  await assertActiveMember(scope, values.ownerId, "ownerId");
  const team = [...new Set(values.teamMemberIds)];
  await assertActiveMembers(scope, team, "teamMemberIds");
  await assertRecordsExist(scope, { companyId: values.companyId, contactId: values.contactId });
  const data = {
    name: values.name, value: values.value, currency: values.currency, expectedCloseDate: toDateOnly(values.expectedCloseDate) ?? null,
    companyId: values.companyId ?? null, contactId: values.contactId ?? null, ownerId: values.ownerId ?? before.ownerId, teamMembers: team,
  };
  await scope.tx.opportunity.update({ where: key(scope, id), data });
  await scope.audit({
    action: "opportunity.update", resourceType: "opportunity", resourceId: id,
    oldValues: { name: before.name, value: before.value.toFixed(2), currency: before.currency, expectedCloseDate: before.expectedCloseDate, companyId: before.companyId, contactId: before.contactId, ownerId: before.ownerId, teamMembers: before.teamMembers },
    newValues: { ...values, teamMemberIds: team },
  });
  const changes: string[] = [];
  if (before.value.toFixed(2) !== Number(values.value).toFixed(2)) changes.push(`value ${before.value.toFixed(2)} → ${Number(values.value).toFixed(2)}`);
  if ((data.ownerId ?? null) !== before.ownerId) changes.push("owner");
  if ((before.expectedCloseDate?.toISOString().slice(0, 10) ?? null) !== (values.expectedCloseDate ?? null)) changes.push("close date");
  await recordTimelineEvent(scope, { subjectType: "opportunity", subjectId: id, eventType: "updated", title: changes.length ? `Updated ${changes.join(", ")}` : "Deal updated" });
  return { id };
}

export async function archiveOpportunity(scope: OrgScope, id: string, archived: boolean) {
  const before = await scope.tx.opportunity.findUnique({ where: key(scope, id), select: { isArchived: true, name: true } });
  if (!before) throw notFound("Deal");
  if (before.isArchived === archived) throw new AppError("CONFLICT", archived ? "This deal is already archived" : "This deal is not archived", "archived");
  await scope.tx.opportunity.update({ where: key(scope, id), data: { isArchived: archived } });
  await scope.audit({ action: archived ? "opportunity.archive" : "opportunity.unarchive", resourceType: "opportunity", resourceId: id });
  await recordTimelineEvent(scope, { subjectType: "opportunity", subjectId: id, eventType: archived ? "archived" : "unarchived", title: archived ? "Archived: off the board" : "Restored to the board" });
  return { id, archived };
}

export async function deleteOpportunity(scope: OrgScope, id: string) {
  const before = await scope.tx.opportunity.findUnique({ where: key(scope, id), select: { id: true, name: true, value: true, status: true, companyId: true } });
  if (!before) throw notFound("Deal");
  await scope.tx.opportunity.delete({ where: key(scope, id) });
  await deleteTimeline(scope, "opportunity", id);
  await scope.audit({ action: "opportunity.delete", resourceType: "opportunity", resourceId: id, oldValues: { ...before, value: before.value.toFixed(2) } });
  if (before.companyId) await recordTimelineEvent(scope, { subjectType: "company", subjectId: before.companyId, eventType: "deal_deleted", title: `Deal ${before.name} deleted` });
  return { id };
}

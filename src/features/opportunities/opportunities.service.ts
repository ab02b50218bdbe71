import type { z } from "zod";
import { assertActiveMember } from "@/features/members/member-check";
import { assertRecordsExist } from "@/features/records/record-links";
import { listTimeline, recordTimelineEvent } from "@/features/timeline/timeline.service";
import { toDateOnly } from "@/lib/form-fields";
import { formatMoney } from "@/lib/money";
import { AppError, notFound } from "@/server/api/errors";
import type { OrgScope } from "@/server/api/scope";
import type { createOpportunitySchema, moveOpportunitySchema } from "./opportunities.schema";

const today = () => new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00.000Z`);

/** `from.leadId`: the lead this deal was converted from (set only by lead conversion). */
export async function createOpportunity(scope: OrgScope, input: z.output<typeof createOpportunitySchema>, from: { leadId?: string } = {}) {
  const pipeline = await scope.tx.pipeline.findUnique({
    where: { organizationId_id: { organizationId: scope.orgId, id: input.pipelineId } },
    select: { id: true, stages: { orderBy: { position: "asc" }, select: { id: true, probability: true, isWon: true, isLost: true } } },
  });
  if (!pipeline) throw new AppError("NOT_FOUND", "That pipeline does not exist", "pipelineId");
  const stage = input.stageId ? pipeline.stages.find((s) => s.id === input.stageId) : pipeline.stages.find((s) => !s.isWon && !s.isLost);
  if (!stage) throw new AppError("NOT_FOUND", "That stage is not in this pipeline", "stageId");
  await assertActiveMember(scope, input.ownerId, "ownerId");
  await assertRecordsExist(scope, input);

  const status = stage.isWon ? "won" : stage.isLost ? "lost" : "open";
  const opportunity = await scope.tx.opportunity.create({
    data: {
      organizationId: scope.orgId, pipelineId: pipeline.id, currentStageId: stage.id, name: input.name, value: input.value,
      currency: input.currency, probability: stage.probability, status, expectedCloseDate: toDateOnly(input.expectedCloseDate),
      actualCloseDate: status === "open" ? null : today(), companyId: input.companyId ?? null, contactId: input.contactId ?? null,
      ownerId: input.ownerId ?? scope.userId, createdBy: scope.userId, leadId: from.leadId ?? null,
    },
    select: { id: true, name: true },
  });
  await scope.tx.opportunityStageHistory.create({
    data: { organizationId: scope.orgId, opportunityId: opportunity.id, toStageId: stage.id, movedBy: scope.userId },
  });
  await scope.audit({ action: "opportunity.create", resourceType: "opportunity", resourceId: opportunity.id, newValues: input });
  const title = `Deal ${opportunity.name} created (${formatMoney(input.value, input.currency)})`;
  await recordTimelineEvent(scope, { subjectType: "opportunity", subjectId: opportunity.id, eventType: "created", title });
  if (input.companyId) await recordTimelineEvent(scope, { subjectType: "company", subjectId: input.companyId, eventType: "deal_created", title });
  return opportunity;
}

/** Moves a deal to another stage of its pipeline, recording the move and how long it sat. */
export async function moveOpportunity(scope: OrgScope, input: z.output<typeof moveOpportunitySchema>) {
  const opportunity = await scope.tx.opportunity.findUnique({
    where: { organizationId_id: { organizationId: scope.orgId, id: input.id } },
    select: { id: true, name: true, pipelineId: true, currentStageId: true, stageEnteredAt: true, companyId: true, status: true, stage: { select: { name: true } } },
  });
  if (!opportunity) throw notFound("Deal");
  const stage = await scope.tx.pipelineStage.findUnique({
    where: { organizationId_id: { organizationId: scope.orgId, id: input.stageId } },
    select: { id: true, name: true, pipelineId: true, probability: true, isWon: true, isLost: true },
  });
  if (!stage || stage.pipelineId !== opportunity.pipelineId) throw new AppError("NOT_FOUND", "That stage is not in this deal's pipeline", "stageId");
  if (stage.id === opportunity.currentStageId) return { id: opportunity.id, stageId: stage.id, status: opportunity.status };
  if (stage.isLost && !input.reason) throw new AppError("BAD_REQUEST", "Say why the deal was lost", "reason");

  const now = new Date();
  const status = stage.isWon ? "won" : stage.isLost ? "lost" : "open";
  await scope.tx.opportunity.update({
    where: { organizationId_id: { organizationId: scope.orgId, id: opportunity.id } },
    data: {
      currentStageId: stage.id, probability: stage.probability, status, stageEnteredAt: now,
      actualCloseDate: status === "open" ? null : today(),
      closedReason: status === "open" ? null : (input.reason ?? null),
      competitorWon: status === "lost" ? (input.competitorWon || null) : null,
    },
  });
  await scope.tx.opportunityStageHistory.create({
    data: {
      organizationId: scope.orgId, opportunityId: opportunity.id, fromStageId: opportunity.currentStageId, toStageId: stage.id,
      timeInStage: Math.max(0, Math.round((now.getTime() - opportunity.stageEnteredAt.getTime()) / 1000)), movedBy: scope.userId, movedAt: now,
    },
  });
  await scope.audit({
    action: "opportunity.move", resourceType: "opportunity", resourceId: opportunity.id,
    oldValues: { stageId: opportunity.currentStageId, status: opportunity.status }, newValues: { stageId: stage.id, status, reason: input.reason ?? null },
  });
  const title = status === "won" ? `Won ${opportunity.name}` : status === "lost" ? `Lost ${opportunity.name}` : `Moved ${opportunity.name} from ${opportunity.stage.name} to ${stage.name}`;
  const entry = { eventType: `stage_${status}`, title, description: status === "open" ? null : (input.reason ?? null) };
  await recordTimelineEvent(scope, { subjectType: "opportunity", subjectId: opportunity.id, ...entry });
  if (opportunity.companyId) await recordTimelineEvent(scope, { subjectType: "company", subjectId: opportunity.companyId, ...entry });
  return { id: opportunity.id, stageId: stage.id, status };
}

export async function getOpportunity(scope: OrgScope, id: string) {
  const opportunity = await scope.tx.opportunity.findUnique({
    where: { organizationId_id: { organizationId: scope.orgId, id } },
    include: {
      pipeline: { select: { id: true, name: true } },
      stage: { select: { id: true, name: true } },
      company: { select: { id: true, name: true } },
      contact: { select: { id: true, fullName: true } },
      owner: { select: { id: true, fullName: true } },
      lead: { select: { id: true, company: { select: { name: true } } } },
      stageHistory: {
        orderBy: { movedAt: "asc" },
        select: { id: true, movedAt: true, timeInStage: true, fromStageName: true, toStageName: true, fromStage: { select: { name: true } }, toStage: { select: { name: true } }, mover: { select: { fullName: true } } },
      },
    },
  });
  if (!opportunity) throw notFound("Deal");
  return {
    ...opportunity,
    value: opportunity.value.toFixed(2),
    weightedValue: opportunity.weightedValue.toFixed(2),
    team: opportunity.teamMembers.length
      ? await scope.tx.user.findMany({ where: { id: { in: opportunity.teamMembers } }, select: { id: true, fullName: true }, orderBy: { fullName: "asc" } })
      : [],
    timeline: await listTimeline(scope, "opportunity", id),
  };
}

/** What another feature (proposals) needs of a deal: its name, currency, owner, company and contact. */
export async function getOpportunitySummary(scope: OrgScope, id: string) {
  const opportunity = await scope.tx.opportunity.findUnique({
    where: { organizationId_id: { organizationId: scope.orgId, id } },
    select: { id: true, name: true, currency: true, ownerId: true, company: { select: { name: true } }, contact: { select: { fullName: true, email: true } } },
  });
  if (!opportunity) throw new AppError("NOT_FOUND", "That deal does not exist", "opportunityId");
  return opportunity;
}

/** Where a document for the deal is emailed: the address given, else the deal's contact's email. */
export async function dealRecipient(scope: OrgScope, opportunityId: string, given: string | null | undefined, what: string): Promise<string> {
  if (given) return given;
  const deal = await getOpportunitySummary(scope, opportunityId);
  const email = deal.contact?.email?.trim().toLowerCase();
  if (!email) throw new AppError("BAD_REQUEST", `This deal's contact has no email: enter the ${what}'s email`, "sentToEmail");
  return email;
}

/** Open, unarchived deals by name, for pickers (a proposal's deal). */
export async function listOpenOpportunityOptions(scope: OrgScope, limit = 200) {
  return scope.tx.opportunity.findMany({ where: { status: "open", isArchived: false }, select: { id: true, name: true }, orderBy: [{ name: "asc" }, { id: "asc" }], take: limit });
}

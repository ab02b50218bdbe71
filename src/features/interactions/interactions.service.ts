import type { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { rescoreLeads } from "@/features/leads/lead-scoring.service";
import { assertRecordsExist, linkedSubjects, linkedTo } from "@/features/records/record-links";
import { recordRefsSelect } from "@/features/records/record-refs";
import { recordTimelineEvent } from "@/features/timeline/timeline.service";
import { AppError, notFound } from "@/server/api/errors";
import type { OrgScope } from "@/server/api/scope";
import { INTERACTION_TYPE_LABELS, type completeInteractionSchema, type interactionSubjectSchema, type listInteractionsSchema, type logInteractionSchema } from "./interactions.schema";
import { interactionState } from "./interaction-state";
import { analyzeSentiment } from "./sentiment";

type Subject = z.output<typeof interactionSubjectSchema>;
type LogInput = z.output<typeof logInteractionSchema>;

const key = (scope: OrgScope, id: string) => ({ organizationId_id: { organizationId: scope.orgId, id } });
// Reaching out by these counts as an attempt to contact a lead.
const ATTEMPT_TYPES = new Set(["call", "email", "sms"]);

/** Checks every linked record exists, and fills in the company a lead or deal belongs to. */
async function resolveSubject(scope: OrgScope, s: Subject) {
  const out = { leadId: s.leadId ?? null, contactId: s.contactId ?? null, companyId: s.companyId ?? null, opportunityId: s.opportunityId ?? null };
  if (out.leadId) {
    const lead = await scope.tx.lead.findUnique({ where: key(scope, out.leadId), select: { companyId: true } });
    if (!lead) throw new AppError("NOT_FOUND", "That lead does not exist", "leadId");
    out.companyId ??= lead.companyId;
  }
  if (out.opportunityId) {
    const deal = await scope.tx.opportunity.findUnique({ where: key(scope, out.opportunityId), select: { companyId: true } });
    if (!deal) throw new AppError("NOT_FOUND", "That deal does not exist", "opportunityId");
    out.companyId ??= deal.companyId;
  }
  await assertRecordsExist(scope, { contactId: out.contactId, companyId: s.companyId });
  return out;
}

/** A completed touchpoint updates the lead's contact history (and a new lead becomes contacted). */
async function touchLead(scope: OrgScope, leadId: string, type: string, at: Date) {
  const lead = await scope.tx.lead.findUnique({ where: key(scope, leadId), select: { status: true, firstContactAt: true, lastContactAt: true, contactAttempts: true } });
  if (!lead) return;
  await scope.tx.lead.update({
    where: key(scope, leadId),
    data: {
      firstContactAt: lead.firstContactAt && lead.firstContactAt < at ? lead.firstContactAt : at,
      lastContactAt: lead.lastContactAt && lead.lastContactAt > at ? lead.lastContactAt : at,
      contactAttempts: lead.contactAttempts + (ATTEMPT_TYPES.has(type) ? 1 : 0),
      ...(lead.status === "new" && type !== "note" ? { status: "contacted" as const } : {}),
    },
  });
}

export async function logInteraction(scope: OrgScope, input: LogInput) {
  const subject = await resolveSubject(scope, input);
  const now = new Date();
  const scheduledFor = input.scheduledFor ? new Date(input.scheduledFor) : null;
  const planned = scheduledFor !== null && scheduledFor > now;
  const sentiment = analyzeSentiment(input.callTranscript ?? input.content ?? input.summary);
  const attendees = (input.meetingAttendees ?? "").split(/[,\n]/).map((a) => a.trim()).filter(Boolean);
  const row = await scope.tx.interaction.create({
    data: {
      ...subject, organizationId: scope.orgId, type: input.type, direction: input.direction,
      subject: input.subject ?? null, content: input.content ?? null, summary: input.summary ?? null, outcome: input.outcome ?? null,
      initiatedBy: scope.userId, participatedUsers: [scope.userId],
      callDuration: input.callDurationMinutes != null ? input.callDurationMinutes * 60 : null,
      callRecordingUrl: input.callRecordingUrl ?? null, callTranscript: input.callTranscript ?? null,
      sentiment: sentiment?.label ?? null, sentimentScore: sentiment?.score ?? null,
      emailOpened: input.emailOpened, emailClicked: input.emailClicked,
      meetingDate: input.meetingDate ? new Date(input.meetingDate) : null, meetingDuration: input.meetingDuration ?? null,
      meetingLocation: input.meetingLocation ?? null, meetingAttendees: attendees,
      scheduledFor, completedAt: planned ? null : now, occurredAt: scheduledFor ?? now,
    },
    select: { id: true, type: true, occurredAt: true },
  });
  if (subject.leadId && !planned) {
    await touchLead(scope, subject.leadId, input.type, row.occurredAt);
    await rescoreLeads(scope, [subject.leadId]);
  }
  await scope.audit({ action: planned ? "interaction.schedule" : "interaction.log", resourceType: "interaction", resourceId: row.id, newValues: { ...input, sentiment } });
  const title = `${planned ? "Scheduled" : "Logged"} ${INTERACTION_TYPE_LABELS[input.type].toLowerCase()}${input.subject ? `: ${input.subject}` : ""}`;
  for (const [subjectType, subjectId] of linkedSubjects(subject)) {
    await recordTimelineEvent(scope, {
      subjectType, subjectId, eventType: `interaction.${input.type}`, title,
      description: input.summary ?? input.outcome ?? null, metadata: { interactionId: row.id, sentiment: sentiment?.label ?? null },
    });
  }
  return { id: row.id, sentiment };
}

export async function completeInteraction(scope: OrgScope, input: z.output<typeof completeInteractionSchema>) {
  const row = await scope.tx.interaction.findUnique({ where: key(scope, input.id), select: { id: true, type: true, leadId: true, completedAt: true, outcome: true } });
  if (!row) throw notFound("Interaction");
  if (row.completedAt) throw new AppError("CONFLICT", "That interaction is already done", "id");
  const now = new Date();
  await scope.tx.interaction.update({ where: key(scope, row.id), data: { completedAt: now, occurredAt: now, outcome: input.outcome ?? row.outcome } });
  if (row.leadId) {
    await touchLead(scope, row.leadId, row.type, now);
    await rescoreLeads(scope, [row.leadId]);
  }
  await scope.audit({ action: "interaction.complete", resourceType: "interaction", resourceId: row.id, newValues: { outcome: input.outcome ?? null } });
  return { id: row.id };
}

export async function deleteInteraction(scope: OrgScope, id: string) {
  const row = await scope.tx.interaction.findUnique({ where: key(scope, id), select: { id: true, type: true, subject: true, leadId: true, contactId: true, companyId: true, opportunityId: true, occurredAt: true } });
  if (!row) throw notFound("Interaction");
  await scope.tx.interaction.delete({ where: key(scope, id) });
  if (row.leadId) await rescoreLeads(scope, [row.leadId]);
  await scope.audit({ action: "interaction.delete", resourceType: "interaction", resourceId: id, oldValues: row });
  return { id };
}

export const interactionSelect = {
  id: true, type: true, direction: true, subject: true, content: true, summary: true, outcome: true,
  callDuration: true, callRecordingUrl: true, callTranscript: true, sentiment: true, sentimentScore: true,
  emailOpened: true, emailClicked: true, meetingDate: true, meetingDuration: true, meetingLocation: true, meetingAttendees: true,
  scheduledFor: true, completedAt: true, occurredAt: true, leadId: true, contactId: true, companyId: true, opportunityId: true,
  initiator: { select: { id: true, fullName: true } },
} satisfies Prisma.InteractionSelect;

/** Interactions on any of the given records, newest first (planned ones first of all). */
export async function listInteractions(scope: OrgScope, input: z.output<typeof listInteractionsSchema>) {
  const or = linkedTo(input);
  if (!or.length) throw new AppError("BAD_REQUEST", "Say which record's interactions to list", "leadId");
  await assertRecordsExist(scope, input);
  const rows = await scope.tx.interaction.findMany({
    where: { OR: or, ...(input.type ? { type: input.type } : {}) },
    orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    take: input.limit,
    select: interactionSelect,
  });
  return rows.map((r) => ({ ...r, sentimentScore: r.sentimentScore?.toString() ?? null }));
}

/** One interaction with every field and the records it is on, for its own page. */
export async function getInteraction(scope: OrgScope, id: string) {
  const row = await scope.tx.interaction.findUnique({
    where: key(scope, id),
    select: { ...interactionSelect, ...recordRefsSelect, participatedUsers: true, emailMessageId: true, emailThreadId: true, createdAt: true, updatedAt: true },
  });
  if (!row) throw notFound("Interaction");
  // Attendees are stored as a JSON array of names or emails; anything else shows as nothing.
  const attendees = Array.isArray(row.meetingAttendees) ? row.meetingAttendees.filter((a): a is string => typeof a === "string") : [];
  return { ...row, meetingAttendees: attendees, sentimentScore: row.sentimentScore?.toString() ?? null, state: interactionState(row, new Date()) };
}

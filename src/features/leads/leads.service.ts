import type { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { reserveLead } from "@/features/billing/usage";
import { companyFieldsSchema } from "@/features/companies/companies.schema";
import { createCompany } from "@/features/companies/companies.service";
import { assertActiveMember } from "@/features/members/member-check";
import { createOpportunity } from "@/features/opportunities/opportunities.service";
import { deleteTimeline, listTimeline, recordTimelineEvent } from "@/features/timeline/timeline.service";
import { humanize } from "@/lib/labels";
import { literalEquals } from "@/lib/like-pattern";
import { toPage } from "@/lib/pagination";
import { AppError, notFound } from "@/server/api/errors";
import type { InOrg, OrgScope } from "@/server/api/scope";
import type { ScoreBreakdown } from "./lead-scoring";
import { rescoreLeads } from "./lead-scoring.service";
import { setLeadTags } from "./lead-tags";
import { EnrichmentError, type WebsiteFacts, readWebsite } from "./website-enrichment";
import type { convertLeadSchema, leadFieldsSchema, listLeadsSchema } from "./leads.schema";

type LeadFields = z.output<typeof leadFieldsSchema>;

const key = (scope: OrgScope, id: string) => ({ organizationId_id: { organizationId: scope.orgId, id } });

async function resolveCompany(scope: OrgScope, values: LeadFields, currentLeadId?: string) {
  if (values.companyId) {
    const company = await scope.tx.company.findUnique({ where: key(scope, values.companyId), select: { id: true, name: true } });
    if (!company) throw new AppError("NOT_FOUND", "That company does not exist", "companyId");
    const taken = await scope.tx.lead.findUnique({ where: { organizationId_companyId: { organizationId: scope.orgId, companyId: company.id } }, select: { id: true } });
    if (taken && taken.id !== currentLeadId) throw new AppError("CONFLICT", `${company.name} already has a lead`, "companyId");
    return company;
  }
  return createCompany(scope, companyFieldsSchema.parse({ name: values.companyName }));
}

async function assertContact(scope: OrgScope, contactId: string | null | undefined) {
  if (!contactId) return;
  const found = await scope.tx.contact.count({ where: { id: contactId } });
  if (!found) throw new AppError("NOT_FOUND", "That contact does not exist", "contactId");
}

function leadData(values: LeadFields) {
  return {
    contactId: values.contactId ?? null,
    source: values.source,
    sourceDetails: values.sourceDetail ? { note: values.sourceDetail } : {},
    nurtureStatus: values.nurtureStatus,
    assignedTo: values.assignedTo ?? null,
    preferredContactMethod: values.preferredContactMethod ?? null,
    bestCallTime: values.bestCallTime ?? null,
    timezone: values.timezone ?? null,
    lostReason: values.status === "lost" ? (values.lostReason ?? null) : null,
  };
}

export function leadWhere(scope: OrgScope, input: z.output<typeof listLeadsSchema>): Prisma.LeadWhereInput {
  const where: Prisma.LeadWhereInput = {};
  if (input.search) {
    where.OR = [
      { company: { name: { contains: input.search, mode: "insensitive" } } },
      { company: { domain: { contains: input.search.toLowerCase() } } },
      { contact: { fullName: { contains: input.search, mode: "insensitive" } } },
      { contact: { email: { contains: input.search, mode: "insensitive" } } },
    ];
  }
  if (input.status) where.status = input.status;
  if (input.source) where.source = input.source;
  if (input.nurture) where.nurtureStatus = input.nurture;
  if (input.assignee) where.assignedTo = input.assignee === "me" ? scope.userId : input.assignee === "none" ? null : input.assignee;
  if (input.tag) where.tags = { some: { tag: { name: { equals: literalEquals(input.tag), mode: "insensitive" } } } };
  if (input.minScore !== undefined) where.leadScore = { gte: input.minScore };
  return where;
}

function leadOrder(sort: z.output<typeof listLeadsSchema>["sort"], dir: "asc" | "desc"): Prisma.LeadOrderByWithRelationInput {
  if (sort === "companyName") return { company: { name: dir } };
  if (sort === "lastContactAt") return { lastContactAt: { sort: dir, nulls: "last" } };
  return { [sort]: dir };
}

export const leadListSelect = {
  id: true, status: true, source: true, nurtureStatus: true, leadScore: true, lastContactAt: true, contactAttempts: true, createdAt: true,
  company: { select: { id: true, name: true, industry: true, city: true } },
  contact: { select: { id: true, fullName: true, email: true, phone: true } },
  assignee: { select: { id: true, fullName: true } },
  tags: { select: { tag: { select: { name: true, color: true } } }, orderBy: { tag: { name: "asc" } } },
} satisfies Prisma.LeadSelect;

export async function listLeads(scope: OrgScope, input: z.output<typeof listLeadsSchema>) {
  const where = leadWhere(scope, input);
  const items = await scope.tx.lead.findMany({
    where, orderBy: [leadOrder(input.sort, input.dir), { id: "asc" }],
    skip: (input.page - 1) * input.pageSize, take: input.pageSize, select: leadListSelect,
  });
  const total = await scope.tx.lead.count({ where });
  return toPage(items, total, input.page, input.pageSize);
}

export async function getLead(scope: OrgScope, id: string) {
  const lead = await scope.tx.lead.findUnique({
    where: key(scope, id),
    include: {
      company: { select: { id: true, name: true, industry: true, website: true, phone: true, email: true, city: true, country: true, employeeCount: true, annualRevenue: true, currency: true } },
      contact: { select: { id: true, fullName: true, email: true, phone: true, title: true } },
      assignee: { select: { id: true, fullName: true } },
      qualifier: { select: { id: true, fullName: true } },
      tags: { select: { tag: { select: { name: true, color: true } } }, orderBy: { tag: { name: "asc" } } },
      enrichments: { orderBy: { fetchedAt: "desc" }, take: 10, select: { id: true, source: true, data: true, fetchedAt: true } },
      opportunities: { select: { id: true, name: true, value: true, currency: true, status: true, stage: { select: { name: true } } }, orderBy: { createdAt: "desc" } },
    },
  });
  if (!lead) throw notFound("Lead");
  return {
    ...lead,
    conversionValue: lead.conversionValue?.toFixed(2) ?? null,
    scoreBreakdown: lead.scoreBreakdown as unknown as Partial<ScoreBreakdown>,
    company: { ...lead.company, annualRevenue: lead.company.annualRevenue?.toFixed(2) ?? null },
    opportunities: lead.opportunities.map((o) => ({ ...o, value: o.value.toFixed(2) })),
    timeline: await listTimeline(scope, "lead", id),
  };
}

export async function createLead(scope: OrgScope, values: LeadFields) {
  await assertActiveMember(scope, values.assignedTo, "assignedTo");
  await assertContact(scope, values.contactId);
  // The plan's monthly lead limit (counted with this lead, refused with the limit named).
  await reserveLead(scope);
  const company = await resolveCompany(scope, values);
  const assignedTo = values.assignedTo ?? scope.userId;
  const lead = await scope.tx.lead.create({
    data: {
      ...leadData(values), organizationId: scope.orgId, companyId: company.id, status: values.status,
      assignedTo, assignedAt: new Date(), createdBy: scope.userId,
      ...(values.status === "qualified" ? { qualifiedAt: new Date(), qualifiedBy: scope.userId } : {}),
    },
    select: { id: true },
  });
  await setLeadTags(scope, lead.id, values.tags);
  await rescoreLeads(scope, [lead.id]);
  await scope.audit({ action: "lead.create", resourceType: "lead", resourceId: lead.id, newValues: { ...values, companyId: company.id } });
  await recordTimelineEvent(scope, { subjectType: "lead", subjectId: lead.id, eventType: "created", title: `Lead created for ${company.name}` });
  await recordTimelineEvent(scope, { subjectType: "company", subjectId: company.id, eventType: "lead_created", title: "Became a lead" });
  return { id: lead.id, companyId: company.id };
}

export async function updateLead(scope: OrgScope, id: string, values: LeadFields) {
  const before = await scope.tx.lead.findUnique({ where: key(scope, id), include: { company: { select: { name: true } }, tags: { select: { tag: { select: { name: true } } } } } });
  if (!before) throw notFound("Lead");
  await assertActiveMember(scope, values.assignedTo, "assignedTo");
  await assertContact(scope, values.contactId);
  const company = await resolveCompany(scope, values, id);
  // A converted lead stays converted: its deal exists, whatever the form says.
  const status = before.status === "converted" ? "converted" : values.status;
  const assignedTo = values.assignedTo ?? before.assignedTo;
  const data: Prisma.LeadUncheckedUpdateInput = { ...leadData(values), assignedTo, companyId: company.id, status };
  if (assignedTo !== before.assignedTo) data.assignedAt = new Date();
  if (status === "qualified" && !before.qualifiedAt) Object.assign(data, { qualifiedAt: new Date(), qualifiedBy: scope.userId });
  await scope.tx.lead.update({ where: key(scope, id), data });
  const tags = await setLeadTags(scope, id, values.tags);
  if (company.id !== before.companyId) await rescoreLeads(scope, [id]);
  await scope.audit({
    action: "lead.update", resourceType: "lead", resourceId: id,
    oldValues: { status: before.status, source: before.source, nurtureStatus: before.nurtureStatus, assignedTo: before.assignedTo, companyId: before.companyId, contactId: before.contactId, lostReason: before.lostReason, tags: before.tags.map((t) => t.tag.name) },
    newValues: { ...values, status, tags },
  });
  const changes: string[] = [];
  if (status !== before.status) changes.push(`status ${humanize(before.status)} → ${humanize(status)}`);
  if (assignedTo !== before.assignedTo) changes.push("reassigned");
  if (values.nurtureStatus !== before.nurtureStatus) changes.push(`nurture ${humanize(before.nurtureStatus)} → ${humanize(values.nurtureStatus)}`);
  await recordTimelineEvent(scope, { subjectType: "lead", subjectId: id, eventType: "updated", title: changes.length ? `Lead updated: ${changes.join(", ")}` : "Lead updated" });
  return { id };
}

export async function deleteLead(scope: OrgScope, id: string) {
  const before = await scope.tx.lead.findUnique({ where: key(scope, id), select: { id: true, companyId: true, status: true, company: { select: { name: true } } } });
  if (!before) throw notFound("Lead");
  await scope.tx.lead.delete({ where: key(scope, id) });
  await deleteTimeline(scope, "lead", id);
  await scope.audit({ action: "lead.delete", resourceType: "lead", resourceId: id, oldValues: before });
  await recordTimelineEvent(scope, { subjectType: "company", subjectId: before.companyId, eventType: "lead_deleted", title: "Lead deleted" });
  return { id };
}

/**
 * Converting a lead creates its deal (linked to the lead, its company and its contact),
 * marks the lead converted with the deal's value, and qualifies it if nobody had.
 */
export async function convertLead(scope: OrgScope, input: z.output<typeof convertLeadSchema>) {
  const lead = await scope.tx.lead.findUnique({ where: key(scope, input.id), select: { id: true, status: true, companyId: true, contactId: true, qualifiedAt: true, company: { select: { name: true } } } });
  if (!lead) throw notFound("Lead");
  if (lead.status === "converted") throw new AppError("CONFLICT", "This lead has already been converted", "id");
  if (lead.status === "lost" || lead.status === "unqualified") {
    throw new AppError("BAD_REQUEST", `A ${lead.status} lead cannot be converted; change its status first`, "id");
  }
  const { id: _lead, ...deal } = input;
  const opportunity = await createOpportunity(scope, { ...deal, companyId: lead.companyId, contactId: lead.contactId ?? undefined }, { leadId: lead.id });
  const now = new Date();
  await scope.tx.lead.update({
    where: key(scope, lead.id),
    data: { status: "converted", convertedAt: now, conversionValue: input.value, ...(lead.qualifiedAt ? {} : { qualifiedAt: now, qualifiedBy: scope.userId }) },
  });
  await scope.audit({ action: "lead.convert", resourceType: "lead", resourceId: lead.id, oldValues: { status: lead.status }, newValues: { status: "converted", opportunityId: opportunity.id, value: input.value } });
  await recordTimelineEvent(scope, { subjectType: "lead", subjectId: lead.id, eventType: "converted", title: `Converted to deal ${opportunity.name}`, metadata: { opportunityId: opportunity.id } });
  await recordTimelineEvent(scope, { subjectType: "opportunity", subjectId: opportunity.id, eventType: "from_lead", title: `Converted from the ${lead.company.name} lead`, metadata: { leadId: lead.id } });
  return { opportunityId: opportunity.id, leadId: lead.id };
}

/** The website to read for a lead's enrichment (BAD_REQUEST naming the field when there is none). */
async function leadWebsite(scope: OrgScope, id: string): Promise<string> {
  const lead = await scope.tx.lead.findUnique({ where: key(scope, id), select: { company: { select: { name: true, website: true } } } });
  if (!lead) throw notFound("Lead");
  if (!lead.company.website) throw new AppError("BAD_REQUEST", `Add ${lead.company.name}'s website first`, "website");
  return lead.company.website;
}

/** Stores what the website said and fills the company's fields that are still blank now. */
async function storeWebsiteFacts(scope: OrgScope, id: string, facts: WebsiteFacts) {
  const lead = await scope.tx.lead.findUnique({
    where: key(scope, id),
    select: { id: true, company: { select: { id: true, email: true, phone: true, linkedinUrl: true, facebookUrl: true, instagramUrl: true } } },
  });
  // Deleted while its website was being read.
  if (!lead) throw notFound("Lead");
  const c = lead.company;
  const fill: Record<string, string> = {};
  if (!c.linkedinUrl && facts.linkedinUrl) fill.linkedinUrl = facts.linkedinUrl.slice(0, 2048);
  if (!c.facebookUrl && facts.facebookUrl) fill.facebookUrl = facts.facebookUrl.slice(0, 2048);
  if (!c.instagramUrl && facts.instagramUrl) fill.instagramUrl = facts.instagramUrl.slice(0, 2048);
  const email = facts.emails[0];
  if (!c.email && email && !(await scope.tx.company.count({ where: { email } }))) fill.email = email;
  const phone = facts.phones[0];
  if (!c.phone && phone && !(await scope.tx.company.count({ where: { phone } }))) fill.phone = phone.slice(0, 50);
  await scope.tx.company.update({ where: key(scope, c.id), data: { ...fill, lastScrapedAt: new Date() } });
  const enrichment = await scope.tx.leadEnrichment.create({
    data: { organizationId: scope.orgId, leadId: id, source: "website", data: { ...facts, filled: Object.keys(fill) } as unknown as Prisma.InputJsonValue },
    select: { id: true },
  });
  await scope.audit({ action: "lead.enrich", resourceType: "lead", resourceId: id, newValues: { source: "website", filled: fill } });
  const found = [facts.title ? "title" : null, facts.description ? "description" : null, ...Object.keys(fill)].filter(Boolean);
  await recordTimelineEvent(scope, { subjectType: "lead", subjectId: id, eventType: "enriched", title: `Enriched from ${new URL(facts.url).hostname}`, description: found.length ? `Found ${found.join(", ")}` : "Nothing new found" });
  return { id: enrichment.id, filled: Object.keys(fill), facts };
}

/**
 * Enriches a lead from its company's website: stores what was found as an enrichment record
 * and fills the company's blank social, email and phone fields (never overwriting). It takes
 * the step runner, not one transaction: the website can take seconds to answer, and no
 * transaction or pooled connection is held while it does.
 */
export async function enrichLeadFromWebsite(inOrg: InOrg, id: string) {
  const website = await inOrg((scope) => leadWebsite(scope, id));
  let facts: WebsiteFacts;
  try {
    facts = await readWebsite(website);
  } catch (error) {
    if (error instanceof EnrichmentError) throw new AppError("BAD_REQUEST", error.message, "website");
    throw error;
  }
  return inOrg((scope) => storeWebsiteFacts(scope, id, facts));
}

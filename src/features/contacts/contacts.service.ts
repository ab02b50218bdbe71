import type { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { assertActiveMember } from "@/features/members/member-check";
import { deleteTimeline, listTimeline, recordTimelineEvent } from "@/features/timeline/timeline.service";
import { toPage } from "@/lib/pagination";
import { AppError, notFound } from "@/server/api/errors";
import type { OrgScope } from "@/server/api/scope";
import type { contactFieldsSchema, listContactsSchema } from "./contacts.schema";

type ContactFields = z.output<typeof contactFieldsSchema>;

const fullName = (v: { firstName: string; lastName: string }) => `${v.firstName} ${v.lastName}`.trim();

/** Every company id must be one of this organization's: otherwise "not found", like a missing one. */
async function assertCompanies(scope: OrgScope, ids: string[]) {
  const unique = [...new Set(ids)];
  if (!unique.length) return unique;
  const found = await scope.tx.company.count({ where: { id: { in: unique } } });
  if (found !== unique.length) throw new AppError("NOT_FOUND", "One of those companies does not exist", "companyIds");
  return unique;
}

async function linkCompanies(scope: OrgScope, contactId: string, companyIds: string[]) {
  await scope.tx.companyContact.deleteMany({ where: { contactId } });
  if (companyIds.length) {
    await scope.tx.companyContact.createMany({
      data: companyIds.map((companyId, i) => ({ organizationId: scope.orgId, contactId, companyId, isPrimary: i === 0 })),
    });
  }
}

function contactWhere(input: z.output<typeof listContactsSchema>): Prisma.ContactWhereInput {
  const where: Prisma.ContactWhereInput = {};
  if (input.search) {
    where.OR = [
      { fullName: { contains: input.search, mode: "insensitive" } },
      { email: { contains: input.search, mode: "insensitive" } },
      { phone: { contains: input.search } },
      { title: { contains: input.search, mode: "insensitive" } },
    ];
  }
  if (input.type) where.type = input.type;
  if (input.companyId) where.companyLinks = { some: { companyId: input.companyId } };
  return where;
}

export async function listContacts(scope: OrgScope, input: z.output<typeof listContactsSchema>) {
  if (input.companyId) await assertCompanies(scope, [input.companyId]);
  const where = contactWhere(input);
  const orderBy: Prisma.ContactOrderByWithRelationInput = input.sort === "email" ? { email: { sort: input.dir, nulls: "last" } } : { [input.sort]: input.dir };
  const items = await scope.tx.contact.findMany({
      where,
      orderBy: [orderBy, { id: "asc" }],
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
      select: {
        id: true, fullName: true, email: true, phone: true, title: true, type: true, updatedAt: true,
        companyLinks: { select: { isPrimary: true, company: { select: { id: true, name: true } } }, orderBy: { isPrimary: "desc" }, take: 3 },
      },
    });
  const total = await scope.tx.contact.count({ where });
  return toPage(items, total, input.page, input.pageSize);
}

export async function getContact(scope: OrgScope, id: string) {
  const contact = await scope.tx.contact.findUnique({
    where: { organizationId_id: { organizationId: scope.orgId, id } },
    include: {
      owner: { select: { id: true, fullName: true } },
      companyLinks: { select: { isPrimary: true, company: { select: { id: true, name: true, lifecycle: true } } }, orderBy: [{ isPrimary: "desc" }, { createdAt: "asc" }] },
    },
  });
  if (!contact) throw notFound("Contact");
  return { ...contact, timeline: await listTimeline(scope, "contact", id) };
}

export async function createContact(scope: OrgScope, values: ContactFields) {
  await assertActiveMember(scope, values.ownerId, "ownerId");
  const companyIds = await assertCompanies(scope, values.companyIds);
  const { companyIds: _ignored, ...fields } = values;
  const contact = await scope.tx.contact.create({
    data: { ...fields, fullName: fullName(values), ownerId: values.ownerId ?? scope.userId, organizationId: scope.orgId, createdBy: scope.userId },
    select: { id: true, fullName: true },
  });
  await linkCompanies(scope, contact.id, companyIds);
  await scope.audit({ action: "contact.create", resourceType: "contact", resourceId: contact.id, newValues: values });
  await recordTimelineEvent(scope, { subjectType: "contact", subjectId: contact.id, eventType: "created", title: `Added ${contact.fullName}` });
  for (const companyId of companyIds) {
    await recordTimelineEvent(scope, { subjectType: "company", subjectId: companyId, eventType: "contact_linked", title: `${contact.fullName} linked as a contact` });
  }
  return contact;
}

export async function updateContact(scope: OrgScope, id: string, values: ContactFields) {
  const before = await scope.tx.contact.findUnique({
    where: { organizationId_id: { organizationId: scope.orgId, id } },
    include: { companyLinks: { select: { companyId: true }, orderBy: [{ isPrimary: "desc" }, { createdAt: "asc" }] } },
  });
  if (!before) throw notFound("Contact");
  await assertActiveMember(scope, values.ownerId, "ownerId");
  const companyIds = await assertCompanies(scope, values.companyIds);
  const { companyIds: _ignored, ...fields } = values;
  await scope.tx.contact.update({ where: { organizationId_id: { organizationId: scope.orgId, id } }, data: { ...fields, fullName: fullName(values) } });
  await linkCompanies(scope, id, companyIds);
  const oldCompanyIds = before.companyLinks.map((l) => l.companyId);
  await scope.audit({
    action: "contact.update", resourceType: "contact", resourceId: id,
    oldValues: { firstName: before.firstName, lastName: before.lastName, email: before.email, phone: before.phone, title: before.title, role: before.role, type: before.type, ownerId: before.ownerId, companyIds: oldCompanyIds },
    newValues: values,
  });
  await recordTimelineEvent(scope, { subjectType: "contact", subjectId: id, eventType: "updated", title: `Updated ${fullName(values)}` });
  return { id };
}

export async function deleteContact(scope: OrgScope, id: string) {
  const before = await scope.tx.contact.findUnique({ where: { organizationId_id: { organizationId: scope.orgId, id } }, select: { id: true, fullName: true, email: true } });
  if (!before) throw notFound("Contact");
  await scope.tx.contact.delete({ where: { organizationId_id: { organizationId: scope.orgId, id } } });
  await deleteTimeline(scope, "contact", id);
  await scope.audit({ action: "contact.delete", resourceType: "contact", resourceId: id, oldValues: before });
  return { id };
}

import type { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { recordTimelineEvent, deleteTimeline, listTimeline } from "@/features/timeline/timeline.service";
import { toDateOnly } from "@/lib/form-fields";
import { literalEquals } from "@/lib/like-pattern";
import { toPage } from "@/lib/pagination";
import { rescoreCompanyLead } from "@/features/leads/lead-scoring.service";
import { assertActiveMember } from "@/features/members/member-check";
import { AppError, notFound } from "@/server/api/errors";
import type { OrgScope } from "@/server/api/scope";
import type { companyFieldsSchema, listCompaniesSchema } from "./companies.schema";

type CompanyFields = z.output<typeof companyFieldsSchema>;

const SCORED_FIELDS = new Set(["industry", "employeeCount", "annualRevenue", "yearsInBusiness", "googleRating", "googleReviewsCount"]);

/** The domain duplicates are matched on: the website's host, else the email's, without www. */
export function companyDomain(website?: string | null, email?: string | null): string | null {
  try {
    if (website) return new URL(website).hostname.replace(/^www\./, "").toLowerCase();
  } catch {
    // fall through to the email
  }
  const at = email?.lastIndexOf("@") ?? -1;
  return email && at > 0 ? email.slice(at + 1).toLowerCase() : null;
}

function toData(values: CompanyFields) {
  return {
    ...values,
    onboardedDate: toDateOnly(values.onboardedDate),
    contractStartDate: toDateOnly(values.contractStartDate),
    contractEndDate: toDateOnly(values.contractEndDate),
    domain: companyDomain(values.website, values.email),
  };
}

const listSelect = {
  id: true, name: true, lifecycle: true, tier: true, industry: true, city: true, country: true, website: true,
  annualRevenue: true, currency: true, isActive: true, createdAt: true, updatedAt: true,
  owner: { select: { id: true, fullName: true } },
  _count: { select: { contactLinks: true } },
} satisfies Prisma.CompanySelect;

/** Decimal → string: money leaves the server exactly, never as a float. */
const withMoney = <T extends { annualRevenue: Prisma.Decimal | null }>(row: T) => ({
  ...row,
  annualRevenue: row.annualRevenue?.toFixed(2) ?? null,
});

export function companyWhere(input: z.output<typeof listCompaniesSchema>): Prisma.CompanyWhereInput {
  const where: Prisma.CompanyWhereInput = {};
  if (input.search) {
    where.OR = [
      { name: { contains: input.search, mode: "insensitive" } },
      { domain: { contains: input.search.toLowerCase() } },
      { email: { contains: input.search, mode: "insensitive" } },
      { city: { contains: input.search, mode: "insensitive" } },
    ];
  }
  if (input.lifecycle) where.lifecycle = input.lifecycle;
  if (input.tier) where.tier = input.tier;
  if (input.industry) where.industry = { equals: literalEquals(input.industry), mode: "insensitive" };
  if (input.ownerId) where.ownerId = input.ownerId;
  if (input.active) where.isActive = input.active === "yes";
  return where;
}

// Nullable columns sort their blanks last whichever way the list is sorted.
const NULLABLE_SORTS = new Set(["annualRevenue"]);
function companyOrder(sort: z.output<typeof listCompaniesSchema>["sort"], dir: "asc" | "desc"): Prisma.CompanyOrderByWithRelationInput {
  return { [sort]: NULLABLE_SORTS.has(sort) ? { sort: dir, nulls: "last" } : dir };
}

export async function listCompanies(scope: OrgScope, input: z.output<typeof listCompaniesSchema>) {
  await assertActiveMember(scope, input.ownerId, "ownerId");
  const where = companyWhere(input);
  // A transaction is one connection, so its queries go one after another.
  const rows = await scope.tx.company.findMany({
    where,
    select: listSelect,
    orderBy: [companyOrder(input.sort, input.dir), { id: "asc" }],
    skip: (input.page - 1) * input.pageSize,
    take: input.pageSize,
  });
  const total = await scope.tx.company.count({ where });
  return toPage(rows.map(withMoney), total, input.page, input.pageSize);
}

export async function getCompany(scope: OrgScope, id: string) {
  const company = await scope.tx.company.findUnique({
    where: { organizationId_id: { organizationId: scope.orgId, id } },
    include: {
      owner: { select: { id: true, fullName: true } },
      creator: { select: { id: true, fullName: true } },
      contactLinks: {
        select: { isPrimary: true, contact: { select: { id: true, fullName: true, email: true, phone: true, title: true } } },
        orderBy: [{ isPrimary: "desc" }, { createdAt: "asc" }],
      },
    },
  });
  if (!company) throw notFound("Company");
  const timeline = await listTimeline(scope, "company", id);
  return {
    ...withMoney(company),
    latitude: company.latitude?.toString() ?? null,
    longitude: company.longitude?.toString() ?? null,
    googleRating: company.googleRating?.toString() ?? null,
    timeline,
  };
}

export async function createCompany(scope: OrgScope, values: CompanyFields) {
  await assertActiveMember(scope, values.ownerId, "ownerId");
  const company = await scope.tx.company.create({
    data: { ...toData(values), ownerId: values.ownerId ?? scope.userId, organizationId: scope.orgId, createdBy: scope.userId },
    select: { id: true, name: true },
  });
  await scope.audit({ action: "company.create", resourceType: "company", resourceId: company.id, newValues: values });
  await recordTimelineEvent(scope, { subjectType: "company", subjectId: company.id, eventType: "created", title: `Created ${company.name}` });
  return company;
}

/** Field-by-field differences, for the audit log and the timeline. */
function changedFields(before: Record<string, unknown>, after: Record<string, unknown>) {
  const norm = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : v === undefined ? null : v === null ? null : String(v));
  return Object.keys(after).filter((key) => norm(before[key]) !== norm(after[key]));
}

export async function updateCompany(scope: OrgScope, id: string, values: CompanyFields) {
  const before = await scope.tx.company.findUnique({ where: { organizationId_id: { organizationId: scope.orgId, id } } });
  if (!before) throw notFound("Company");
  await assertActiveMember(scope, values.ownerId, "ownerId");
  const data = toData(values);
  // A date left out keeps its stored value, so the schema's own check (both given) is not enough.
  const start = data.contractStartDate === undefined ? before.contractStartDate : data.contractStartDate;
  const end = data.contractEndDate === undefined ? before.contractEndDate : data.contractEndDate;
  if (start && end && end < start) throw new AppError("BAD_REQUEST", "The contract cannot end before it starts", "contractEndDate");
  const changed = changedFields(before as unknown as Record<string, unknown>, data as unknown as Record<string, unknown>);
  const inactivatedAt = values.isActive ? null : (before.inactivatedAt ?? new Date());
  const company = await scope.tx.company.update({
    where: { organizationId_id: { organizationId: scope.orgId, id } },
    data: { ...data, inactivatedAt },
    select: { id: true, name: true },
  });
  const pick = (row: Record<string, unknown>) => Object.fromEntries(changed.map((k) => [k, row[k] ?? null]));
  await scope.audit({
    action: "company.update", resourceType: "company", resourceId: id,
    oldValues: pick(before as unknown as Record<string, unknown>), newValues: pick(data as unknown as Record<string, unknown>),
  });
  if (changed.length) {
    await recordTimelineEvent(scope, {
      subjectType: "company", subjectId: id, eventType: "updated",
      title: `Updated ${changed.map((k) => k.replace(/([A-Z])/g, " $1").toLowerCase()).join(", ")}`,
      metadata: { fields: changed },
    });
  }
  // Industry, size, revenue, age and rating feed the company's lead score.
  if (changed.some((k) => SCORED_FIELDS.has(k))) await rescoreCompanyLead(scope, id);
  return company;
}

export async function deleteCompany(scope: OrgScope, id: string) {
  const before = await scope.tx.company.findUnique({ where: { organizationId_id: { organizationId: scope.orgId, id } }, select: { id: true, name: true } });
  if (!before) throw notFound("Company");
  await scope.tx.company.delete({ where: { organizationId_id: { organizationId: scope.orgId, id } } });
  await deleteTimeline(scope, "company", id);
  await scope.audit({ action: "company.delete", resourceType: "company", resourceId: id, oldValues: before });
  return { id };
}

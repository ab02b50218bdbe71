// Proposals: numbering, versions, stored totals and reading. The lifecycle (status moves,
// sending, approvals) lives in proposal-lifecycle.service.ts.
//
// Money is computed only by proposal-totals.ts (decimal, rounded once per line), stored as
// numeric(15,2) and returned as exact strings.
import { nextDocumentNumber } from "@/features/records/document-number";
import type { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { assertActiveMember } from "@/features/members/member-check";
import { getOpportunitySummary } from "@/features/opportunities/opportunities.service";
import { recordTimelineEvent } from "@/features/timeline/timeline.service";
import { todayIsoDate } from "@/lib/dates";
import { toDateOnly } from "@/lib/form-fields";
import { literalContains } from "@/lib/like-pattern";
import { formatMoney } from "@/lib/money";
import { toPage } from "@/lib/pagination";
import { AppError, notFound } from "@/server/api/errors";
import type { OrgScope } from "@/server/api/scope";
import { MAX_AMOUNT, exceedsStorage, proposalTotals } from "./proposal-totals";
import {
  type CustomSection, EDITABLE_IN_PLACE, OPEN_STATUSES, PROPOSAL_STATUS_LABELS, type ProposalStatus, type StoredProposalStatus,
  type createProposalSchema, effectiveStatus, type listProposalsSchema, type proposalFieldsSchema,
} from "./proposals.schema";

type ProposalFields = z.output<typeof proposalFieldsSchema>;
type LineFields = ProposalFields["lines"][number];

export const proposalKey = (scope: OrgScope, id: string) => ({ organizationId_id: { organizationId: scope.orgId, id } });

// ------------------------------------------------------------------ numbering

// ------------------------------------------------------------------ shaping

const LINE_SELECT = {
  id: true, productId: true, position: true, description: true, quantity: true, unitPrice: true, discountPercent: true, taxRate: true,
  grossAmount: true, discountAmount: true, taxAmount: true, totalAmount: true, product: { select: { id: true, name: true, sku: true } },
} satisfies Prisma.ProposalLineItemSelect;

const SELECT = {
  id: true, opportunityId: true, proposalNumber: true, version: true, isCurrent: true, title: true, status: true, validUntil: true,
  executiveSummary: true, scopeOfWork: true, termsAndConditions: true, customSections: true, currency: true,
  subtotal: true, discountAmount: true, discountPercentage: true, taxAmount: true, totalAmount: true,
  sentAt: true, sentToEmail: true, viewedAt: true, viewCount: true, acceptedAt: true, rejectedAt: true, rejectionReason: true,
  acceptedByName: true, decidedIp: true,
  pdfUrl: true, templateId: true, createdBy: true, createdAt: true, updatedAt: true,
  opportunity: { select: { id: true, name: true } },
  creator: { select: { id: true, fullName: true } },
} satisfies Prisma.ProposalSelect;

type Row = Prisma.ProposalGetPayload<{ select: typeof SELECT }>;
type LineRow = Prisma.ProposalLineItemGetPayload<{ select: typeof LINE_SELECT }>;

/** Trailing zeros off a percent or quantity ("8.250" → "8.25", "2.0000" → "2"). */
const trim = (d: Prisma.Decimal, places: number) => d.toFixed(places).replace(/\.?0+$/, "") || "0";
const isoDay = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

export function shapeProposal(row: Row, today = todayIsoDate()) {
  const validUntil = isoDay(row.validUntil);
  return {
    ...row,
    validUntil,
    storedStatus: row.status as StoredProposalStatus,
    status: effectiveStatus(row.status, validUntil, today),
    customSections: (Array.isArray(row.customSections) ? row.customSections : []) as unknown as CustomSection[],
    subtotal: row.subtotal.toFixed(2), discountAmount: row.discountAmount.toFixed(2), discountPercentage: row.discountPercentage.toFixed(2),
    taxAmount: row.taxAmount.toFixed(2), totalAmount: row.totalAmount.toFixed(2),
  };
}
export type ShapedProposal = ReturnType<typeof shapeProposal>;

const shapeLine = (l: LineRow) => ({
  ...l,
  quantity: trim(l.quantity, 4), unitPrice: l.unitPrice.toFixed(2), discountPercent: trim(l.discountPercent, 2), taxRate: trim(l.taxRate, 3),
  grossAmount: l.grossAmount.toFixed(2), discountAmount: l.discountAmount.toFixed(2), taxAmount: l.taxAmount.toFixed(2), totalAmount: l.totalAmount.toFixed(2),
});

// ------------------------------------------------------------------ writing lines and totals

/** Replaces a version's lines and stores its totals, all from proposal-totals.ts. */
async function writeLines(scope: OrgScope, proposalId: string, lines: readonly LineFields[]) {
  const totals = proposalTotals(lines.map((l) => ({ quantity: l.quantity, unitPrice: l.unitPrice, discountPercent: l.discountPercent, taxRate: l.taxRate })));
  if (exceedsStorage(totals)) throw new AppError("BAD_REQUEST", `The amounts are too large: a line or the total is above ${MAX_AMOUNT}`, "lines");
  await scope.tx.proposalLineItem.deleteMany({ where: { proposalId } });
  if (lines.length) {
    await scope.tx.proposalLineItem.createMany({
      data: lines.map((l, position) => ({
        organizationId: scope.orgId, proposalId, productId: l.productId ?? null, position, description: l.description,
        quantity: l.quantity, unitPrice: l.unitPrice, discountPercent: l.discountPercent, taxRate: l.taxRate,
        grossAmount: totals.lines[position]!.gross, discountAmount: totals.lines[position]!.discount,
        taxAmount: totals.lines[position]!.tax, totalAmount: totals.lines[position]!.total,
      })),
    });
  }
  await scope.tx.proposal.update({
    where: proposalKey(scope, proposalId),
    data: { subtotal: totals.subtotal, discountAmount: totals.discountAmount, discountPercentage: totals.discountPercentage, taxAmount: totals.taxAmount, totalAmount: totals.total },
  });
  return totals;
}

const sectionData = (v: Pick<ProposalFields, "executiveSummary" | "scopeOfWork" | "termsAndConditions" | "customSections">) => ({
  executiveSummary: v.executiveSummary ?? null, scopeOfWork: v.scopeOfWork ?? null, termsAndConditions: v.termsAndConditions ?? null,
  customSections: v.customSections as unknown as Prisma.InputJsonValue,
});

/** A product line must name a product of this organization (another org's id is "not found"). */
async function assertProducts(scope: OrgScope, lines: readonly LineFields[]) {
  const ids = [...new Set(lines.map((l) => l.productId).filter((id): id is string => Boolean(id)))];
  if (!ids.length) return;
  const found = await scope.tx.product.count({ where: { id: { in: ids } } });
  if (found !== ids.length) throw new AppError("NOT_FOUND", "A line names a product that is not in your catalog", "lines");
}

// ------------------------------------------------------------------ create, edit, version

export async function createProposal(scope: OrgScope, input: z.output<typeof createProposalSchema>) {
  const deal = await getOpportunitySummary(scope, input.opportunityId);
  await assertProducts(scope, input.lines);
  let values: ProposalFields = input;
  let validUntil = input.validUntil ?? null;
  if (input.templateId) {
    const template = await scope.tx.proposalTemplate.findUnique({ where: proposalKey(scope, input.templateId) });
    if (!template) throw new AppError("NOT_FOUND", "That template does not exist", "templateId");
    values = {
      ...input,
      executiveSummary: input.executiveSummary ?? template.executiveSummary,
      scopeOfWork: input.scopeOfWork ?? template.scopeOfWork,
      termsAndConditions: input.termsAndConditions ?? template.termsAndConditions,
      customSections: input.customSections.length ? input.customSections : (template.customSections as unknown as CustomSection[]),
    };
    validUntil ??= todayIsoDate(new Date(Date.now() + template.validForDays * 86_400_000));
  }
  const proposalNumber = await nextDocumentNumber(scope, "proposal");
  const row = await scope.tx.proposal.create({
    data: {
      organizationId: scope.orgId, opportunityId: deal.id, proposalNumber, version: 1, title: values.title,
      validUntil: toDateOnly(validUntil), currency: deal.currency, templateId: input.templateId ?? null, createdBy: scope.userId,
      ...sectionData(values),
    },
    select: { id: true },
  });
  const totals = await writeLines(scope, row.id, values.lines);
  await scope.audit({ action: "proposal.create", resourceType: "proposal", resourceId: row.id, newValues: { proposalNumber, title: values.title, lines: values.lines.length, total: totals.total } });
  await recordTimelineEvent(scope, {
    subjectType: "opportunity", subjectId: deal.id, eventType: "proposal_created",
    title: `Proposal ${proposalNumber} created (${formatMoney(totals.total, deal.currency)})`, metadata: { proposalId: row.id, proposalNumber },
  });
  return getProposal(scope, row.id);
}

/**
 * Locks a version's row for the rest of the transaction, so concurrent edits and status moves
 * of one proposal happen one after another.
 */
export async function lockProposal(scope: OrgScope, id: string) {
  await scope.tx.$queryRaw`SELECT id FROM proposals WHERE organization_id = ${scope.orgId}::uuid AND id = ${id}::uuid FOR UPDATE`;
  const row = await scope.tx.proposal.findUnique({ where: proposalKey(scope, id), select: SELECT });
  if (!row) throw notFound("Proposal");
  return shapeProposal(row);
}

/** Only the newest version moves or changes; an older one says which is newest. */
export async function assertCurrent(scope: OrgScope, p: { isCurrent: boolean; proposalNumber: string; version: number }) {
  if (p.isCurrent) return;
  const newest = await scope.tx.proposal.findFirst({ where: { proposalNumber: p.proposalNumber, isCurrent: true }, select: { version: true } });
  throw new AppError("CONFLICT", `This is version ${p.version} of ${p.proposalNumber}; only the newest version (${newest?.version ?? "?"}) can be changed`);
}

/**
 * Saves the editor. A draft (or an approved proposal, whose approval the edit voids) changes in
 * place; a proposal already sent (or answered, or expired) keeps that version as it was sent and
 * gets a new version: same number, version + 1, status draft, with the edited lines.
 */
export async function updateProposal(scope: OrgScope, id: string, values: ProposalFields) {
  const before = await lockProposal(scope, id);
  await assertCurrent(scope, before);
  if (before.status === "pending_approval") {
    throw new AppError("CONFLICT", "This proposal is waiting for approval; it can be edited once it is approved or rejected");
  }
  await assertProducts(scope, values.lines);
  const inPlace = EDITABLE_IN_PLACE.includes(before.status);
  let targetId = id;
  if (!inPlace) {
    await scope.tx.proposal.update({ where: proposalKey(scope, id), data: { isCurrent: false } });
    const created = await scope.tx.proposal.create({
      data: {
        organizationId: scope.orgId, opportunityId: before.opportunityId, proposalNumber: before.proposalNumber, version: before.version + 1,
        title: values.title, validUntil: toDateOnly(values.validUntil ?? null), currency: before.currency, templateId: before.templateId,
        createdBy: scope.userId, ...sectionData(values),
      },
      select: { id: true },
    });
    targetId = created.id;
  } else {
    await scope.tx.proposal.update({
      where: proposalKey(scope, id),
      data: { title: values.title, validUntil: toDateOnly(values.validUntil ?? null), status: "draft", ...sectionData(values) },
    });
  }
  const totals = await writeLines(scope, targetId, values.lines);
  const newValues = { title: values.title, validUntil: values.validUntil ?? null, lines: values.lines.length, total: totals.total };
  if (!inPlace) {
    await scope.audit({ action: "proposal.version", resourceType: "proposal", resourceId: targetId, oldValues: { id, version: before.version, status: before.status }, newValues: { ...newValues, version: before.version + 1 } });
    await recordTimelineEvent(scope, {
      subjectType: "opportunity", subjectId: before.opportunityId, eventType: "proposal_version",
      title: `Proposal ${before.proposalNumber} revised: version ${before.version + 1} (${formatMoney(totals.total, before.currency)})`,
      metadata: { proposalId: targetId, proposalNumber: before.proposalNumber, version: before.version + 1 },
    });
  } else {
    await scope.audit({
      action: "proposal.update", resourceType: "proposal", resourceId: id,
      oldValues: { title: before.title, validUntil: before.validUntil, total: before.totalAmount, status: before.status }, newValues,
    });
    if (before.status === "approved") {
      await recordTimelineEvent(scope, {
        subjectType: "opportunity", subjectId: before.opportunityId, eventType: "proposal_status",
        title: `Proposal ${before.proposalNumber} edited after approval: back to draft`, metadata: { proposalId: id, from: "approved", to: "draft" },
      });
    }
  }
  return getProposal(scope, targetId);
}

// ------------------------------------------------------------------ reading

export async function approvalThreshold(scope: OrgScope): Promise<string> {
  const org = await scope.tx.organization.findUnique({ where: { id: scope.orgId }, select: { proposalApprovalThresholdPercent: true } });
  if (!org) throw notFound("Organization");
  return org.proposalApprovalThresholdPercent.toFixed(2);
}

/** True when the discount is above the organization's threshold: it needs an approval before sending. */
export const needsApproval = (discountPercentage: string, threshold: string) => Number(discountPercentage) > Number(threshold);

export async function getProposal(scope: OrgScope, id: string) {
  const row = await scope.tx.proposal.findUnique({ where: proposalKey(scope, id), select: { ...SELECT, lineItems: { select: LINE_SELECT, orderBy: { position: "asc" } } } });
  if (!row) throw notFound("Proposal");
  const { lineItems, ...rest } = row;
  const proposal = shapeProposal(rest);
  const [versions, approvals, threshold] = await Promise.all([
    scope.tx.proposal.findMany({
      where: { proposalNumber: row.proposalNumber }, orderBy: { version: "desc" },
      select: { id: true, version: true, status: true, validUntil: true, totalAmount: true, createdAt: true, isCurrent: true, creator: { select: { fullName: true } } },
    }),
    scope.tx.approvalRequest.findMany({
      where: { proposalId: id }, orderBy: { createdAt: "desc" },
      select: {
        id: true, status: true, priority: true, comment: true, details: true, createdAt: true, resolvedAt: true,
        requester: { select: { id: true, fullName: true } }, approver: { select: { id: true, fullName: true } }, resolver: { select: { id: true, fullName: true } },
      },
    }),
    approvalThreshold(scope),
  ]);
  const today = todayIsoDate();
  return {
    ...proposal,
    lines: lineItems.map(shapeLine),
    versions: versions.map((v) => ({ ...v, totalAmount: v.totalAmount.toFixed(2), status: effectiveStatus(v.status, isoDay(v.validUntil), today) })),
    approvals,
    approvalThresholdPercent: threshold,
    needsApproval: needsApproval(proposal.discountPercentage, threshold),
    /** Only the newest version changes; a sent one changes by becoming a new version. */
    editable: proposal.isCurrent && proposal.status !== "pending_approval",
    editMakesNewVersion: proposal.isCurrent && !EDITABLE_IN_PLACE.includes(proposal.status) && proposal.status !== "pending_approval",
  };
}

/** The status filter as a where clause: "expired" and the open statuses depend on valid_until. */
function statusWhere(status: ProposalStatus | undefined, today: Date): Prisma.ProposalWhereInput {
  if (!status) return {};
  const expired: Prisma.ProposalWhereInput = { validUntil: { lt: today }, status: { in: [...OPEN_STATUSES] } };
  if (status === "expired") return expired;
  if (OPEN_STATUSES.includes(status)) return { status, OR: [{ validUntil: null }, { validUntil: { gte: today } }] };
  return { status };
}

/** The newest version of each proposal, filtered, sorted and paged. */
export async function listProposals(scope: OrgScope, input: z.output<typeof listProposalsSchema>) {
  // Filters naming someone or a deal outside this organization are "not found", like any id.
  await assertActiveMember(scope, input.ownerId, "ownerId");
  if (input.opportunityId) await getOpportunitySummary(scope, input.opportunityId);
  const today = new Date(`${todayIsoDate()}T00:00:00.000Z`);
  const where: Prisma.ProposalWhereInput = {
    isCurrent: true,
    ...statusWhere(input.status, today),
    ...(input.ownerId ? { createdBy: input.ownerId } : {}),
    ...(input.opportunityId ? { opportunityId: input.opportunityId } : {}),
    ...(input.withoutContract ? { contract: null } : {}),
    ...(input.search ? { AND: [{ OR: [
      { title: { contains: literalContains(input.search), mode: "insensitive" } },
      { proposalNumber: { contains: literalContains(input.search), mode: "insensitive" } },
    ] }] } : {}),
  };
  const total = await scope.tx.proposal.count({ where });
  const rows = await scope.tx.proposal.findMany({
    where, select: SELECT, skip: (input.page - 1) * input.pageSize, take: input.pageSize,
    orderBy: [input.sort === "validUntil" ? { validUntil: { sort: input.dir, nulls: "last" } } : { [input.sort]: input.dir }, { version: "desc" }, { id: "asc" }],
  });
  return toPage(rows.map((r) => shapeProposal(r)), total, input.page, input.pageSize);
}

/** The people proposals were created by, for the list's owner filter. */
export async function listProposalOwners(scope: OrgScope) {
  const rows = await scope.tx.proposal.findMany({ where: { isCurrent: true, createdBy: { not: null } }, distinct: ["createdBy"], select: { creator: { select: { id: true, fullName: true } } } });
  return rows.flatMap((r) => (r.creator ? [r.creator] : [])).sort((a, b) => a.fullName.localeCompare(b.fullName));
}

export const statusLabel = (s: ProposalStatus) => PROPOSAL_STATUS_LABELS[s].toLowerCase();

// Contracts: numbering, the form's defaults (from an accepted proposal or a deal), editing a
// draft, reading and lists. Signing and the lifecycle live in contract-signing.service.ts,
// renewals in contract-renewals.job.ts.
//
// Money is a decimal string end to end; a payment schedule must add up to the total value
// exactly (checked by the schema, and again by a CHECK in the table).
import type { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { assertActiveMember } from "@/features/members/member-check";
import { getOpportunitySummary } from "@/features/opportunities/opportunities.service";
import { nextDocumentNumber } from "@/features/records/document-number";
import { recordTimelineEvent } from "@/features/timeline/timeline.service";
import { todayIsoDate } from "@/lib/dates";
import { toDateOnly } from "@/lib/form-fields";
import { literalContains } from "@/lib/like-pattern";
import { formatMoney } from "@/lib/money";
import { toPage } from "@/lib/pagination";
import { AppError, notFound } from "@/server/api/errors";
import type { OrgScope } from "@/server/api/scope";
import { type SignedTerms, documentHash } from "./contract-document";
import {
  CONTRACT_STATUS_LABELS, type ContractFields, type ContractFormInput, type ContractStatus,
  type contractDefaultsSchema, type createContractSchema, type listContractsSchema,
} from "./contracts.schema";
import { type Instalment, addDays, addMonths, buildSchedule } from "./payment-schedule";

export const contractKey = (scope: OrgScope, id: string) => ({ organizationId_id: { organizationId: scope.orgId, id } });

const SELECT = {
  id: true, proposalId: true, opportunityId: true, contractNumber: true, title: true, type: true, status: true,
  startDate: true, endDate: true, autoRenew: true, renewalTerms: true, currency: true, totalValue: true, paymentTerms: true,
  paymentSchedule: true, body: true, clientSignatureRequired: true, documentHash: true, sentForSignatureAt: true, sentToEmail: true, supplierName: true, clientName: true,
  clientSignedAt: true, clientSignedBy: true, clientSignatureEmail: true, clientSignatureIp: true, clientSignatureUserAgent: true, clientSignatureMethod: true,
  internalSignedAt: true, internalSignedBy: true, internalSignerName: true, internalSignatureIp: true, internalSignatureUserAgent: true, internalSignatureMethod: true,
  activatedAt: true, terminatedAt: true, terminationReason: true, renewalReminderSentAt: true, renewedFromId: true,
  ownerId: true, createdBy: true, createdAt: true, updatedAt: true,
  opportunity: { select: { id: true, name: true, company: { select: { id: true, name: true } } } },
  proposal: { select: { id: true, proposalNumber: true, version: true } },
  owner: { select: { id: true, fullName: true, email: true } },
  internalSigner: { select: { id: true, fullName: true, email: true } },
  renewedFrom: { select: { id: true, contractNumber: true, documentHash: true } },
  renewal: { select: { id: true, contractNumber: true } },
} satisfies Prisma.ContractSelect;

type Row = Prisma.ContractGetPayload<{ select: typeof SELECT }>;
const isoDay = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

export function shapeContract(row: Row) {
  return {
    ...row,
    status: row.status as ContractStatus,
    startDate: isoDay(row.startDate)!,
    endDate: isoDay(row.endDate),
    totalValue: row.totalValue.toFixed(2),
    paymentSchedule: (Array.isArray(row.paymentSchedule) ? row.paymentSchedule : []) as unknown as Instalment[],
    /** Signatures this contract still waits for. */
    awaiting: {
      client: row.clientSignatureRequired && !row.clientSignedAt,
      internal: !row.internalSignedAt,
    },
  };
}
export type ShapedContract = ReturnType<typeof shapeContract>;

export async function getContract(scope: OrgScope, id: string) {
  const row = await scope.tx.contract.findUnique({ where: contractKey(scope, id), select: SELECT });
  if (!row) throw notFound("Contract");
  return shapeContract(row);
}

/** Locks the contract's row for the rest of the transaction: moves and signatures happen one after another. */
export async function lockContract(scope: OrgScope, id: string) {
  await scope.tx.$queryRaw`SELECT id FROM contracts WHERE organization_id = ${scope.orgId}::uuid AND id = ${id}::uuid FOR UPDATE`;
  return getContract(scope, id);
}

/** The parties: as frozen when sent for signature, else as named now (a draft). */
export async function contractParties(scope: OrgScope, c: ShapedContract) {
  if (c.supplierName !== null) return { supplier: c.supplierName, client: c.clientName };
  const org = await scope.tx.organization.findUnique({ where: { id: scope.orgId }, select: { name: true } });
  return { supplier: org?.name ?? "", client: c.opportunity.company?.name ?? null };
}

/** The terms as signed: what the document hash covers. */
export async function signedTerms(scope: OrgScope, c: ShapedContract): Promise<SignedTerms> {
  return {
    contractNumber: c.contractNumber, title: c.title, type: c.type, ...(await contractParties(scope, c)),
    startDate: c.startDate, endDate: c.endDate, autoRenew: c.autoRenew, renewalTerms: c.renewalTerms, currency: c.currency,
    totalValue: c.totalValue, paymentTerms: c.paymentTerms, paymentSchedule: c.paymentSchedule, body: c.body,
  };
}

export const contractHash = async (scope: OrgScope, c: ShapedContract) => documentHash(await signedTerms(scope, c));

const fieldData = (v: ContractFields) => ({
  title: v.title, type: v.type, startDate: toDateOnly(v.startDate)!, endDate: toDateOnly(v.endDate) ?? null, autoRenew: v.autoRenew,
  renewalTerms: v.renewalTerms ?? null, currency: v.currency, totalValue: v.totalValue, paymentTerms: v.paymentTerms ?? null,
  paymentSchedule: [...v.paymentSchedule].sort((a, b) => a.dueDate.localeCompare(b.dueDate)) as unknown as Prisma.InputJsonValue,
  body: v.body ?? null, clientSignatureRequired: v.clientSignatureRequired,
});

// ------------------------------------------------------------------ the form's starting point

/** A year from `start`, ending the day before: the usual contract term. */
const aYearFrom = (start: string) => addDays(addMonths(start, 12), -1);

/**
 * What a new contract's form starts with: from an accepted proposal its title, value, currency
 * and terms; from a deal its name and value. A year's term from today, paid in one instalment.
 */
export async function contractDefaults(scope: OrgScope, input: z.output<typeof contractDefaultsSchema>) {
  const today = todayIsoDate();
  if (input.proposalId) {
    const p = await scope.tx.proposal.findUnique({
      where: contractKey(scope, input.proposalId),
      select: { id: true, status: true, title: true, totalAmount: true, currency: true, termsAndConditions: true, opportunityId: true, proposalNumber: true, version: true, contract: { select: { id: true, contractNumber: true } } },
    });
    if (!p) throw new AppError("NOT_FOUND", "That proposal does not exist", "proposalId");
    assertContractable(p);
    const total = p.totalAmount.toFixed(2);
    const values: ContractFormInput = {
      title: p.title, type: "services", startDate: today, endDate: aYearFrom(today), autoRenew: false, renewalTerms: null, currency: p.currency,
      totalValue: total, paymentTerms: "Net 30", paymentSchedule: buildSchedule(total, 1, today, "once"), body: p.termsAndConditions, clientSignatureRequired: true,
    };
    return { opportunityId: p.opportunityId, proposalId: p.id, source: `${p.proposalNumber}${p.version > 1 ? ` v${p.version}` : ""}`, values };
  }
  const deal = await scope.tx.opportunity.findUnique({ where: contractKey(scope, input.opportunityId!), select: { id: true, name: true, value: true, currency: true } });
  if (!deal) throw new AppError("NOT_FOUND", "That deal does not exist", "opportunityId");
  const total = deal.value.toFixed(2);
  const values: ContractFormInput = {
    title: deal.name, type: "services", startDate: today, endDate: aYearFrom(today), autoRenew: false, renewalTerms: null, currency: deal.currency,
    totalValue: total, paymentTerms: "Net 30", paymentSchedule: buildSchedule(total, 1, today, "once"), body: null, clientSignatureRequired: true,
  };
  return { opportunityId: deal.id, proposalId: null, source: deal.name, values };
}

function assertContractable(p: { status: string; proposalNumber: string; contract: { contractNumber: string } | null }) {
  if (p.status !== "accepted") throw new AppError("CONFLICT", `${p.proposalNumber} is not accepted: a contract is made from an accepted proposal`, "proposalId");
  if (p.contract) throw new AppError("CONFLICT", `${p.proposalNumber} already has contract ${p.contract.contractNumber}`, "proposalId");
}

// ------------------------------------------------------------------ create, edit, delete

export async function createContract(scope: OrgScope, input: z.output<typeof createContractSchema>) {
  const deal = await getOpportunitySummary(scope, input.opportunityId);
  let from = "";
  if (input.proposalId) {
    // The row lock keeps two people from turning one proposal into two contracts at once.
    await scope.tx.$queryRaw`SELECT id FROM proposals WHERE organization_id = ${scope.orgId}::uuid AND id = ${input.proposalId}::uuid FOR UPDATE`;
    const p = await scope.tx.proposal.findUnique({
      where: contractKey(scope, input.proposalId),
      select: { status: true, opportunityId: true, proposalNumber: true, version: true, contract: { select: { contractNumber: true } } },
    });
    if (!p) throw new AppError("NOT_FOUND", "That proposal does not exist", "proposalId");
    if (p.opportunityId !== deal.id) throw new AppError("BAD_REQUEST", `${p.proposalNumber} is for another deal`, "proposalId");
    assertContractable(p);
    from = ` from proposal ${p.proposalNumber}${p.version > 1 ? ` v${p.version}` : ""}`;
  }
  const contractNumber = await nextDocumentNumber(scope, "contract");
  const row = await scope.tx.contract.create({
    data: {
      organizationId: scope.orgId, opportunityId: deal.id, proposalId: input.proposalId ?? null, contractNumber,
      ownerId: deal.ownerId ?? scope.userId, createdBy: scope.userId, ...fieldData(input.values),
    },
    select: { id: true },
  });
  await scope.audit({ action: "contract.create", resourceType: "contract", resourceId: row.id, newValues: { contractNumber, title: input.values.title, totalValue: input.values.totalValue, proposalId: input.proposalId ?? null } });
  await recordTimelineEvent(scope, {
    subjectType: "opportunity", subjectId: deal.id, eventType: "contract_created",
    title: `Contract ${contractNumber} created${from} (${formatMoney(input.values.totalValue, input.values.currency)})`, metadata: { contractId: row.id, contractNumber },
  });
  return getContract(scope, row.id);
}

function assertDraft(c: ShapedContract, what: string) {
  if (c.status !== "draft") {
    throw new AppError("CONFLICT", `${c.contractNumber} is ${CONTRACT_STATUS_LABELS[c.status].toLowerCase()}: ${what} only while it is a draft${c.status === "pending_signature" ? " (withdraw it from signature first)" : ""}`);
  }
}

/** Edits a draft. Once sent for signature the terms are frozen (their hash is on the way to the signer). */
export async function updateContract(scope: OrgScope, id: string, values: ContractFields) {
  const before = await lockContract(scope, id);
  assertDraft(before, "it can be edited");
  await scope.tx.contract.update({ where: contractKey(scope, id), data: fieldData(values) });
  await scope.audit({
    action: "contract.update", resourceType: "contract", resourceId: id,
    oldValues: { title: before.title, totalValue: before.totalValue, startDate: before.startDate, endDate: before.endDate },
    newValues: { title: values.title, totalValue: values.totalValue, startDate: values.startDate, endDate: values.endDate ?? null },
  });
  return getContract(scope, id);
}

export async function deleteContract(scope: OrgScope, id: string) {
  const c = await lockContract(scope, id);
  assertDraft(c, "it can be deleted");
  await scope.tx.contract.delete({ where: contractKey(scope, id) });
  await scope.audit({ action: "contract.delete", resourceType: "contract", resourceId: id, oldValues: { contractNumber: c.contractNumber, title: c.title } });
  await recordTimelineEvent(scope, {
    subjectType: "opportunity", subjectId: c.opportunityId, eventType: "contract_deleted", title: `Draft contract ${c.contractNumber} deleted`, metadata: { contractNumber: c.contractNumber },
  });
  return { id };
}

// ------------------------------------------------------------------ lists

export async function listContracts(scope: OrgScope, input: z.output<typeof listContractsSchema>) {
  // Filters naming someone or a deal outside this organization are "not found", like any id.
  await assertActiveMember(scope, input.ownerId, "ownerId");
  if (input.opportunityId) await getOpportunitySummary(scope, input.opportunityId);
  const today = todayIsoDate();
  const where: Prisma.ContractWhereInput = {
    ...(input.status ? { status: input.status } : {}),
    ...(input.type ? { type: input.type } : {}),
    ...(input.ownerId ? { ownerId: input.ownerId } : {}),
    ...(input.opportunityId ? { opportunityId: input.opportunityId } : {}),
    // "Ending within" means active contracts ending soon: with another status chosen too, nothing matches.
    ...(input.endingWithinDays ? { AND: [{ status: "active" }, { endDate: { gte: toDateOnly(today)!, lte: toDateOnly(addDays(today, input.endingWithinDays))! } }] } : {}),
    ...(input.search ? { OR: [
      { title: { contains: literalContains(input.search), mode: "insensitive" } },
      { contractNumber: { contains: literalContains(input.search), mode: "insensitive" } },
      { opportunity: { company: { name: { contains: literalContains(input.search), mode: "insensitive" } } } },
    ] } : {}),
  };
  const total = await scope.tx.contract.count({ where });
  const rows = await scope.tx.contract.findMany({
    where, select: SELECT, skip: (input.page - 1) * input.pageSize, take: input.pageSize,
    orderBy: [input.sort === "endDate" ? { endDate: { sort: input.dir, nulls: "last" } } : { [input.sort]: input.dir }, { id: "asc" }],
  });
  return toPage(rows.map(shapeContract), total, input.page, input.pageSize);
}

/** The people who own contracts, for the list's owner filter. */
export async function listContractOwners(scope: OrgScope) {
  const rows = await scope.tx.contract.findMany({ where: { ownerId: { not: null } }, distinct: ["ownerId"], select: { owner: { select: { id: true, fullName: true } } } });
  return rows.flatMap((r) => (r.owner ? [r.owner] : [])).sort((a, b) => a.fullName.localeCompare(b.fullName));
}

/** A deal's contracts, newest first (the deal page and the proposal page link to them). */
export async function listDealContracts(scope: OrgScope, opportunityId: string) {
  await getOpportunitySummary(scope, opportunityId);
  const rows = await scope.tx.contract.findMany({ where: { opportunityId }, select: SELECT, orderBy: [{ createdAt: "desc" }, { id: "asc" }] });
  return rows.map(shapeContract);
}

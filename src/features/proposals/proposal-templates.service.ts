// Organization templates: the sections a new proposal starts from.
import type { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { AppError, notFound } from "@/server/api/errors";
import type { OrgScope } from "@/server/api/scope";
import type { CustomSection, approvalThresholdSchema, templateFieldsSchema } from "./proposals.schema";
import { approvalThreshold } from "./proposals.service";

type TemplateFields = z.output<typeof templateFieldsSchema>;
const key = (scope: OrgScope, id: string) => ({ organizationId_id: { organizationId: scope.orgId, id } });

const SELECT = {
  id: true, name: true, description: true, executiveSummary: true, scopeOfWork: true, termsAndConditions: true, customSections: true,
  validForDays: true, createdAt: true, updatedAt: true,
} satisfies Prisma.ProposalTemplateSelect;

const shape = <T extends { customSections: Prisma.JsonValue }>(t: T) => ({ ...t, customSections: (Array.isArray(t.customSections) ? t.customSections : []) as unknown as CustomSection[] });
const data = (v: TemplateFields) => ({ ...v, customSections: v.customSections as unknown as Prisma.InputJsonValue });

async function withNameConflict<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") throw new AppError("CONFLICT", "Another template already has this name", "name");
    throw error;
  }
}

export async function listTemplates(scope: OrgScope) {
  return (await scope.tx.proposalTemplate.findMany({ select: SELECT, orderBy: [{ name: "asc" }, { id: "asc" }], take: 200 })).map(shape);
}

export async function getTemplate(scope: OrgScope, id: string) {
  const row = await scope.tx.proposalTemplate.findUnique({ where: key(scope, id), select: SELECT });
  if (!row) throw notFound("Template");
  return shape(row);
}

export async function createTemplate(scope: OrgScope, values: TemplateFields) {
  const row = await withNameConflict(() => scope.tx.proposalTemplate.create({ data: { ...data(values), organizationId: scope.orgId, createdBy: scope.userId }, select: SELECT }));
  await scope.audit({ action: "proposal_template.create", resourceType: "proposal_template", resourceId: row.id, newValues: values });
  return shape(row);
}

export async function updateTemplate(scope: OrgScope, id: string, values: TemplateFields) {
  const before = await getTemplate(scope, id);
  const row = await withNameConflict(() => scope.tx.proposalTemplate.update({ where: key(scope, id), data: data(values), select: SELECT }));
  await scope.audit({ action: "proposal_template.update", resourceType: "proposal_template", resourceId: id, oldValues: before, newValues: values });
  return shape(row);
}

/** Proposals made from it keep their sections (they were copied) and lose only the link. */
export async function deleteTemplate(scope: OrgScope, id: string) {
  const before = await getTemplate(scope, id);
  await scope.tx.proposalTemplate.delete({ where: key(scope, id) });
  await scope.audit({ action: "proposal_template.delete", resourceType: "proposal_template", resourceId: id, oldValues: before });
  return { id };
}

export async function getProposalSettings(scope: OrgScope) {
  return { approvalThresholdPercent: await approvalThreshold(scope) };
}

export async function updateProposalSettings(scope: OrgScope, input: z.output<typeof approvalThresholdSchema>) {
  const before = await approvalThreshold(scope);
  const org = await scope.tx.organization.update({ where: { id: scope.orgId }, data: { proposalApprovalThresholdPercent: input.thresholdPercent }, select: { proposalApprovalThresholdPercent: true } });
  const after = org.proposalApprovalThresholdPercent.toFixed(2);
  await scope.audit({ action: "organization.proposal_settings", resourceType: "organization", resourceId: scope.orgId, oldValues: { approvalThresholdPercent: before }, newValues: { approvalThresholdPercent: after } });
  return { approvalThresholdPercent: after };
}

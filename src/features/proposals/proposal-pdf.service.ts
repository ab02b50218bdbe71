// A proposal version's PDF. Reading happens in the caller's organization (the scoped
// transaction, RLS on); rendering happens after it, outside any transaction, because fetching
// the organization's logo may take up to its 3-second limit and a transaction (and its pooled
// connection) should not wait on another server.
//
// The PDF prints the stored amounts (computed by proposal-totals.ts when the version was saved)
// exactly as getProposal returns them: the same strings the proposal page shows.
import { getOpportunitySummary } from "@/features/opportunities/opportunities.service";
import { getOrganizationSettings } from "@/features/organizations/organization-settings.service";
import type { OrgScope } from "@/server/api/scope";
import { type ProposalPdfData, type RenderOptions, proposalPdfFilename, renderProposalPdf } from "@/server/pdf/proposal-pdf";
import { PROPOSAL_STATUS_LABELS } from "./proposals.schema";
import { getProposal } from "./proposals.service";

export type { ProposalPdfData } from "@/server/pdf/proposal-pdf";

/** Everything one version's PDF prints; NOT_FOUND for an id that is not this organization's. */
export async function getProposalPdfData(scope: OrgScope, id: string): Promise<ProposalPdfData> {
  const p = await getProposal(scope, id);
  const org = await getOrganizationSettings(scope);
  const deal = await getOpportunitySummary(scope, p.opportunityId);
  return {
    organization: { name: org.name, logoUrl: org.logoUrl },
    proposalNumber: p.proposalNumber,
    version: p.version,
    title: p.title,
    status: PROPOSAL_STATUS_LABELS[p.status],
    currency: p.currency,
    client: { company: deal.company?.name ?? null, contact: deal.contact?.fullName ?? null, email: deal.contact?.email ?? null },
    preparedBy: p.creator?.fullName ?? null,
    createdAt: p.createdAt,
    sentAt: p.sentAt,
    validUntil: p.validUntil,
    updatedAt: p.updatedAt,
    answer: p.acceptedAt ? { kind: "accepted", by: p.acceptedByName, at: p.acceptedAt }
      : p.rejectedAt ? { kind: "rejected", at: p.rejectedAt, reason: p.rejectionReason } : null,
    executiveSummary: p.executiveSummary,
    scopeOfWork: p.scopeOfWork,
    customSections: p.customSections.map((s) => ({ title: s.title, body: s.body })),
    termsAndConditions: p.termsAndConditions,
    lines: p.lines.map((l) => ({
      description: l.description, sku: l.product?.sku ?? null, quantity: l.quantity, unitPrice: l.unitPrice,
      discountPercent: l.discountPercent, taxRate: l.taxRate, totalAmount: l.totalAmount,
    })),
    totals: { subtotal: p.subtotal, discountAmount: p.discountAmount, discountPercentage: p.discountPercentage, taxAmount: p.taxAmount, totalAmount: p.totalAmount },
  };
}

export interface PdfFile {
  /** "P-2026-0001-v2.pdf". */
  filename: string;
  body: Buffer;
}

/** Renders the loaded version (call it after the transaction that loaded it). */
export async function renderProposalPdfFile(data: ProposalPdfData, options?: RenderOptions): Promise<PdfFile> {
  return { filename: proposalPdfFilename(data), body: await renderProposalPdf(data, options) };
}

import { getOpportunitySummary, listOpenOpportunityOptions } from "@/features/opportunities/opportunities.service";
import { orgProcedure, router } from "@/server/api/trpc";
import {
  acceptProposal, listApprovals, listApprovers, listProposalLinks, rejectProposal, resendProposal, resolveApproval, revokeProposalLinks, sendProposal, submitForApproval,
} from "./proposal-lifecycle.service";
import {
  createTemplate, deleteTemplate, getProposalSettings, getTemplate, listTemplates, updateProposalSettings, updateTemplate,
} from "./proposal-templates.service";
import {
  approvalThresholdSchema, createProposalSchema, listApprovalsSchema, listProposalsSchema, proposalIdSchema, rejectProposalSchema,
  resolveApprovalSchema, sendProposalSchema, submitForApprovalSchema, templateFieldsSchema, templateIdSchema, updateProposalSchema, updateTemplateSchema,
} from "./proposals.schema";
import { getProposalPdfData } from "./proposal-pdf.service";
import { createProposal, getProposal, listProposalOwners, listProposals, updateProposal } from "./proposals.service";

const read = { permission: { resource: "proposals", action: "read" } } as const;
const write = { permission: { resource: "proposals", action: "write" } } as const;
/** Approving discounts and keeping the organization's templates. */
const admin = { permission: { resource: "proposals", action: "admin" } } as const;

export const proposalsRouter = router({
  list: orgProcedure.meta(read).input(listProposalsSchema).query(({ ctx, input }) => listProposals(ctx.scope, input)),
  owners: orgProcedure.meta(read).query(({ ctx }) => listProposalOwners(ctx.scope)),
  get: orgProcedure.meta(read).input(proposalIdSchema).query(({ ctx, input }) => getProposal(ctx.scope, input.id)),
  /** What a version's PDF prints (the PDF route renders it after this transaction). */
  pdfData: orgProcedure.meta(read).input(proposalIdSchema).query(({ ctx, input }) => getProposalPdfData(ctx.scope, input.id)),
  create: orgProcedure.meta(write).input(createProposalSchema).mutation(({ ctx, input }) => createProposal(ctx.scope, input)),
  /** Edits a draft in place; a sent (or later) proposal gets a new version. */
  update: orgProcedure.meta(write).input(updateProposalSchema).mutation(({ ctx, input }) => updateProposal(ctx.scope, input.id, input.values)),
  /** The deals a new proposal can be for. */
  dealOptions: orgProcedure.meta({ ...write, alsoRequires: [{ resource: "opportunities", action: "read" }] }).query(({ ctx }) => listOpenOpportunityOptions(ctx.scope)),
  /** Who it is usually sent to: the deal's contact. */
  recipient: orgProcedure.meta(read).input(proposalIdSchema).query(async ({ ctx, input }) => {
    const p = await getProposal(ctx.scope, input.id);
    const deal = await getOpportunitySummary(ctx.scope, p.opportunityId);
    return { contactEmail: deal.contact?.email ?? null };
  }),
  /** Who the caller can ask for an approval (everyone who may approve but themselves). */
  approvers: orgProcedure.meta(read).query(async ({ ctx }) => (await listApprovers(ctx.scope)).filter((a) => a.id !== ctx.scope.userId)),
  submitForApproval: orgProcedure.meta(write).input(submitForApprovalSchema).mutation(({ ctx, input }) => submitForApproval(ctx.scope, input)),
  /** Emails the client a public link and marks the proposal sent. */
  send: orgProcedure.meta(write).input(sendProposalSchema).mutation(({ ctx, input }) => sendProposal(ctx.scope, input)),
  /** A new link by email; the old one stops working. */
  resend: orgProcedure.meta(write).input(sendProposalSchema).mutation(({ ctx, input }) => resendProposal(ctx.scope, input)),
  revokeLink: orgProcedure.meta(write).input(proposalIdSchema).mutation(({ ctx, input }) => revokeProposalLinks(ctx.scope, input.id)),
  links: orgProcedure.meta(read).input(proposalIdSchema).query(({ ctx, input }) => listProposalLinks(ctx.scope, input.id)),
  markAccepted: orgProcedure.meta(write).input(proposalIdSchema).mutation(({ ctx, input }) => acceptProposal(ctx.scope, input.id)),
  markRejected: orgProcedure.meta(write).input(rejectProposalSchema).mutation(({ ctx, input }) => rejectProposal(ctx.scope, input.id, input.reason)),
  settings: orgProcedure.meta(read).query(({ ctx }) => getProposalSettings(ctx.scope)),
  updateSettings: orgProcedure.meta({ permission: { resource: "organization", action: "write" } }).input(approvalThresholdSchema)
    .mutation(({ ctx, input }) => updateProposalSettings(ctx.scope, input)),
});

export const proposalTemplatesRouter = router({
  list: orgProcedure.meta(read).query(({ ctx }) => listTemplates(ctx.scope)),
  get: orgProcedure.meta(read).input(templateIdSchema).query(({ ctx, input }) => getTemplate(ctx.scope, input.id)),
  create: orgProcedure.meta(admin).input(templateFieldsSchema).mutation(({ ctx, input }) => createTemplate(ctx.scope, input)),
  update: orgProcedure.meta(admin).input(updateTemplateSchema).mutation(({ ctx, input }) => updateTemplate(ctx.scope, input.id, input.values)),
  delete: orgProcedure.meta(admin).input(templateIdSchema).mutation(({ ctx, input }) => deleteTemplate(ctx.scope, input.id)),
});

export const approvalsRouter = router({
  list: orgProcedure.meta(admin).input(listApprovalsSchema).query(({ ctx, input }) => listApprovals(ctx.scope, input)),
  approve: orgProcedure.meta(admin).input(resolveApprovalSchema).mutation(({ ctx, input }) => resolveApproval(ctx.scope, input.id, "approved", input.comment)),
  reject: orgProcedure.meta(admin).input(resolveApprovalSchema).mutation(({ ctx, input }) => resolveApproval(ctx.scope, input.id, "rejected", input.comment)),
});

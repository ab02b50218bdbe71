// A proposal version's PDF, for members who may read it.
import { renderProposalPdfFile } from "@/features/proposals/proposal-pdf.service";
import { withOrgRoute } from "@/server/api/org-route";
import { memberPdfDownload } from "@/server/pdf/member-download";

export const GET = withOrgRoute<{ orgSlug: string; proposalId: string }>(
  { name: "proposal PDF", permission: { resource: "proposals", action: "read" } },
  (request, { params, api }) => memberPdfDownload(request, { id: params.proposalId, what: "Proposal" }, (id) => api.proposals.pdfData({ id }), renderProposalPdfFile),
);

// A proposal version's PDF, for members who may read it.
import { renderProposalPdfFile } from "@/features/proposals/proposal-pdf.service";
import { memberPdfDownload } from "@/server/pdf/member-download";

export async function GET(request: Request, { params }: { params: Promise<{ orgSlug: string; proposalId: string }> }) {
  const { orgSlug, proposalId } = await params;
  return memberPdfDownload(request, { orgSlug, id: proposalId, what: "Proposal" }, (api, id) => api.proposals.pdfData({ id }), renderProposalPdfFile);
}

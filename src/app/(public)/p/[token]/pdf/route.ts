// The PDF of the proposal behind a public link, for the client: only while the link shows the
// proposal (open or answered). Downloading it does not count as a view.
import { publicProposalPdfData } from "@/features/proposals/proposal-public.service";
import { renderProposalPdfFile } from "@/features/proposals/proposal-pdf.service";
import { requestMeta } from "@/server/auth/request-meta";
import { withRouteErrors } from "@/server/api/route-errors";
import { publicPdfResponse } from "@/server/pdf/public-download";

export const GET = withRouteErrors("proposal PDF (public link)", async (request: Request, { params }: { params: Promise<{ token: string }> }) => {
  const { token } = await params;
  const data = await publicProposalPdfData(token.slice(0, 512), requestMeta(request.headers));
  return publicPdfResponse(data && (await renderProposalPdfFile(data)), "This link does not lead to a proposal any more. Open the link in the most recent email.");
});

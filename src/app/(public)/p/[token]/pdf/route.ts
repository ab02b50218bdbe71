// The PDF of the proposal behind a public link, for the client: only while the link shows the
// proposal (open or answered). Downloading it does not count as a view.
import { publicProposalPdfData } from "@/features/proposals/proposal-public.service";
import { renderProposalPdfFile } from "@/features/proposals/proposal-pdf.service";
import { requestMeta } from "@/server/auth/request-meta";
import { pdfResponse } from "@/server/pdf/response";

export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const data = await publicProposalPdfData(token.slice(0, 512), requestMeta(request.headers));
  if (!data) {
    return new Response("This link does not lead to a proposal any more. Open the link in the most recent email.", {
      status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "X-Robots-Tag": "noindex" },
    });
  }
  const file = await renderProposalPdfFile(data);
  const response = pdfResponse(file.filename, file.body);
  // The token is in the URL: keep it out of indexes and Referer headers.
  response.headers.set("X-Robots-Tag", "noindex");
  response.headers.set("Referrer-Policy", "no-referrer");
  return response;
}

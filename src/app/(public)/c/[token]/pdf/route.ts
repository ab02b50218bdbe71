// The PDF of the contract behind a signing link, for the client: while it waits for their
// signature, and afterwards the signed copy with its signature certificate.
import { contractDocument, renderContractPdfFile } from "@/features/contracts/contract-pdf.service";
import { withPublicContract } from "@/features/contracts/contract-public.service";
import { requestMeta } from "@/server/auth/request-meta";
import { withRouteErrors } from "@/server/api/route-errors";
import { publicPdfResponse } from "@/server/pdf/public-download";

export const GET = withRouteErrors("contract PDF (signing link)", async (request: Request, { params }: { params: Promise<{ token: string }> }) => {
  const { token } = await params;
  const data = await withPublicContract(token.slice(0, 512), requestMeta(request.headers), contractDocument);
  return publicPdfResponse(data && (await renderContractPdfFile(data)), "This link does not lead to a contract any more. Ask the sender for a new one.");
});

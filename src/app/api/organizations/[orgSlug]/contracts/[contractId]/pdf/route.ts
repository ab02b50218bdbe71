// A contract's PDF (with its signature certificate once anyone has signed), for members who may read it.
import { renderContractPdfFile } from "@/features/contracts/contract-pdf.service";
import { memberPdfDownload } from "@/server/pdf/member-download";

export async function GET(request: Request, { params }: { params: Promise<{ orgSlug: string; contractId: string }> }) {
  const { orgSlug, contractId } = await params;
  return memberPdfDownload(request, { orgSlug, id: contractId, what: "Contract" }, (api, id) => api.contracts.pdfData({ id }), renderContractPdfFile);
}

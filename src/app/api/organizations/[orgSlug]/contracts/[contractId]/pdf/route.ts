// A contract's PDF (with its signature certificate once anyone has signed), for members who may read it.
import { renderContractPdfFile } from "@/features/contracts/contract-pdf.service";
import { withOrgRoute } from "@/server/api/org-route";
import { memberPdfDownload } from "@/server/pdf/member-download";

export const GET = withOrgRoute<{ orgSlug: string; contractId: string }>(
  { name: "contract PDF", permission: { resource: "contracts", action: "read" } },
  (request, { params, api }) => memberPdfDownload(request, { id: params.contractId, what: "Contract" }, (id) => api.contracts.pdfData({ id }), renderContractPdfFile),
);

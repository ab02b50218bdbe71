// A proposal version's PDF for a signed-in member: the same procedure (membership, the
// proposals:read permission, the organization's RLS scope) as the proposal page decides whether
// the caller may have it; the PDF is rendered after that transaction.
import { TRPCError } from "@trpc/server";
import { cookies } from "next/headers";
import { renderProposalPdfFile } from "@/features/proposals/proposal-pdf.service";
import { isUuid } from "@/lib/ids";
import { createContext } from "@/server/api/context";
import { createCaller } from "@/server/api/root";
import { pdfResponse } from "@/server/pdf/response";

const STATUS: Partial<Record<TRPCError["code"], number>> = { UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404, BAD_REQUEST: 400 };

export async function GET(request: Request, { params }: { params: Promise<{ orgSlug: string; proposalId: string }> }) {
  const { orgSlug, proposalId } = await params;
  if (!isUuid(proposalId)) return Response.json({ error: "Proposal not found" }, { status: 404 });
  const api = createCaller(await createContext({ headers: request.headers, cookies: await cookies(), orgSlug }));
  let data: Awaited<ReturnType<typeof api.proposals.pdfData>>;
  try {
    data = await api.proposals.pdfData({ id: proposalId });
  } catch (error) {
    if (error instanceof TRPCError) return Response.json({ error: error.message }, { status: STATUS[error.code] ?? 500 });
    throw error;
  }
  const file = await renderProposalPdfFile(data);
  return pdfResponse(file.filename, file.body, { inline: new URL(request.url).searchParams.get("inline") === "1" });
}

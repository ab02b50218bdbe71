// A record's PDF for a signed-in member (or an API key), inside withOrgRoute: the route has
// checked membership and the read permission; the record's own tRPC procedure loads it under
// the organization's RLS scope (a missing one is a 404), and the PDF is rendered after that
// transaction.
import { isUuid } from "@/lib/ids";
import { notFound } from "@/server/api/errors";
import { pdfResponse } from "./response";

export async function memberPdfDownload<T>(
  request: Request,
  target: { id: string; what: string },
  load: (id: string) => Promise<T>,
  render: (data: T) => Promise<{ filename: string; body: Buffer }>,
): Promise<Response> {
  if (!isUuid(target.id)) throw notFound(target.what);
  const file = await render(await load(target.id));
  return pdfResponse(file.filename, file.body, { inline: new URL(request.url).searchParams.get("inline") === "1" });
}

// A record's PDF for a signed-in member: the record's own tRPC procedure (membership, the
// read permission, the organization's RLS scope) decides whether the caller may have it, with
// the same answers the API gives (401, 403, 404); the PDF is rendered after that transaction.
import { TRPCError } from "@trpc/server";
import { cookies } from "next/headers";
import { isUuid } from "@/lib/ids";
import { createContext } from "@/server/api/context";
import { createCaller } from "@/server/api/root";
import { pdfResponse } from "./response";

const STATUS: Partial<Record<TRPCError["code"], number>> = { UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404, BAD_REQUEST: 400 };

type Caller = ReturnType<typeof createCaller>;

export async function memberPdfDownload<T>(
  request: Request,
  target: { orgSlug: string; id: string; what: string },
  load: (api: Caller, id: string) => Promise<T>,
  render: (data: T) => Promise<{ filename: string; body: Buffer }>,
): Promise<Response> {
  if (!isUuid(target.id)) return Response.json({ error: `${target.what} not found` }, { status: 404 });
  const api = createCaller(await createContext({ headers: request.headers, cookies: await cookies(), orgSlug: target.orgSlug }));
  let data: T;
  try {
    data = await load(api, target.id);
  } catch (error) {
    if (error instanceof TRPCError) return Response.json({ error: error.message }, { status: STATUS[error.code] ?? 500 });
    throw error;
  }
  const file = await render(data);
  return pdfResponse(file.filename, file.body, { inline: new URL(request.url).searchParams.get("inline") === "1" });
}

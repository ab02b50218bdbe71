// Downloads a finished organization export: the same procedure (membership, permission,
// tenancy) as the settings page decides whether the caller may have it.
import { createReadStream, existsSync } from "node:fs";
import { Readable } from "node:stream";
import { TRPCError } from "@trpc/server";
import { cookies } from "next/headers";
import { exportFilePath } from "@/features/organizations/export-files";
import { isUuid } from "@/lib/ids";
import { createContext } from "@/server/api/context";
import { createCaller } from "@/server/api/root";

const STATUS: Partial<Record<TRPCError["code"], number>> = { UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404, BAD_REQUEST: 400 };

export async function GET(request: Request, { params }: { params: Promise<{ orgSlug: string; exportId: string }> }) {
  const { orgSlug, exportId } = await params;
  if (!isUuid(exportId)) return Response.json({ error: "Export not found" }, { status: 404 });
  const api = createCaller(await createContext({ headers: request.headers, cookies: await cookies(), orgSlug }));
  let found: Awaited<ReturnType<typeof api.organizations.export>>;
  let org: Awaited<ReturnType<typeof api.organizations.current>>;
  try {
    [found, org] = [await api.organizations.export({ id: exportId }), await api.organizations.current()];
  } catch (error) {
    if (error instanceof TRPCError) return Response.json({ error: error.message }, { status: STATUS[error.code] ?? 500 });
    throw error;
  }
  const file = exportFilePath(org.id, exportId);
  if (!found.downloadable || !existsSync(file)) return Response.json({ error: "This export is not ready or has expired; make a new one" }, { status: 410 });
  const date = found.createdAt.toISOString().slice(0, 10);
  return new Response(Readable.toWeb(createReadStream(file)) as ReadableStream, {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="${org.slug}-export-${date}.zip"`,
      "Content-Length": String(found.fileSize ?? ""),
      "Cache-Control": "no-store",
    },
  });
}

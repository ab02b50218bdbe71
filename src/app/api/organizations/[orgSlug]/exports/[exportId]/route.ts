// Downloads a finished organization export: the same procedure (membership, permission,
// tenancy) as the settings page decides whether the caller may have it.
import { createReadStream, existsSync } from "node:fs";
import { Readable } from "node:stream";
import { exportFilePath } from "@/features/organizations/export-files";
import { isUuid } from "@/lib/ids";
import { notFound } from "@/server/api/errors";
import { withOrgRoute } from "@/server/api/org-route";

export const GET = withOrgRoute<{ orgSlug: string; exportId: string }>(
  { name: "organization export download", permission: { resource: "organization", action: "write" } },
  async (_request, { params, api, membership }) => {
    const { exportId } = params;
    if (!isUuid(exportId)) throw notFound("Export");
    const found = await api.organizations.export({ id: exportId });
    const org = membership.organization;
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
  },
);

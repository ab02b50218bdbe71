// Upload a CSV for import: the body is the file itself, streamed to disk (never buffered
// whole), then registered through the imports.create procedure with the same membership,
// permission and tenancy checks as everything else.
import { randomBytes } from "node:crypto";
import { MAX_UPLOAD_BYTES, UploadTooLarge, discardStaged, stageUpload } from "@/features/imports/import-files";
import { importResourceSchema } from "@/features/imports/imports.schema";
import { AppError } from "@/server/api/errors";
import { withOrgRoute } from "@/server/api/org-route";
import { stripUnsafeText } from "@/lib/safe-text";

function resourceOf(request: Request) {
  const resource = importResourceSchema.safeParse(new URL(request.url).searchParams.get("resource"));
  if (!resource.success) throw new AppError("BAD_REQUEST", "resource: choose leads, companies or contacts", "resource");
  return resource.data;
}

// The organization is ?org=; whoever may not write the resource is refused before anything is stored.
export const POST = withOrgRoute({ name: "import upload", permission: (request) => ({ resource: resourceOf(request), action: "write" }) }, async (request, { api }) => {
  const resource = resourceOf(request);
  // The browser's name for the file, a label only: characters PostgreSQL cannot store are dropped.
  const fileName = stripUnsafeText(new URL(request.url).searchParams.get("name") ?? "").trim() || "upload.csv";
  if (!request.body) return Response.json({ error: "file: send the CSV file as the request body" }, { status: 400 });
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_UPLOAD_BYTES) return Response.json({ error: `file: files up to ${MAX_UPLOAD_BYTES / 1024 / 1024} MB can be imported` }, { status: 413 });

  const token = randomBytes(16).toString("hex");
  try {
    await stageUpload(request.body, token);
    const created = await api.imports.create({ resource, fileName: fileName.slice(0, 255), uploadToken: token });
    return Response.json(created, { status: 201 });
  } catch (error) {
    await discardStaged(token);
    if (error instanceof UploadTooLarge) return Response.json({ error: `file: ${error.message}` }, { status: 413 });
    throw error;
  }
});

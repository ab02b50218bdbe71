// Upload a CSV for import: the body is the file itself, streamed to disk (never buffered
// whole), then registered through the imports.create procedure with the same membership,
// permission and tenancy checks as everything else.
import { randomBytes } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { cookies } from "next/headers";
import { MAX_UPLOAD_BYTES, UploadTooLarge, discardStaged, stageUpload } from "@/features/imports/import-files";
import { importResourceSchema } from "@/features/imports/imports.schema";
import { stripUnsafeText } from "@/lib/safe-text";
import { createContext } from "@/server/api/context";
import { createCaller } from "@/server/api/root";

const STATUS: Partial<Record<TRPCError["code"], number>> = { UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404, BAD_REQUEST: 400, CONFLICT: 409 };

export async function POST(request: Request) {
  const url = new URL(request.url);
  const resource = importResourceSchema.safeParse(url.searchParams.get("resource"));
  if (!resource.success) return Response.json({ error: "resource: choose leads, companies or contacts" }, { status: 400 });
  // The browser's name for the file, a label only: characters PostgreSQL cannot store are dropped.
  const fileName = stripUnsafeText(url.searchParams.get("name") ?? "").trim() || "upload.csv";
  if (!request.body) return Response.json({ error: "file: send the CSV file as the request body" }, { status: 400 });
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_UPLOAD_BYTES) return Response.json({ error: `file: files up to ${MAX_UPLOAD_BYTES / 1024 / 1024} MB can be imported` }, { status: 413 });

  const api = createCaller(await createContext({ headers: request.headers, cookies: await cookies(), orgSlug: url.searchParams.get("org") }));
  const token = randomBytes(16).toString("hex");
  try {
    // Refuse early (and cheaply) anyone who may not import this before storing anything.
    const org = await api.organizations.current();
    if (!org.permissions.includes(`${resource.data}:write`)) return Response.json({ error: `Your role cannot import ${resource.data}` }, { status: 403 });
    await stageUpload(request.body, token);
    const created = await api.imports.create({ resource: resource.data, fileName: fileName.slice(0, 255), uploadToken: token });
    return Response.json(created, { status: 201 });
  } catch (error) {
    await discardStaged(token);
    if (error instanceof UploadTooLarge) return Response.json({ error: `file: ${error.message}` }, { status: 413 });
    if (error instanceof TRPCError) return Response.json({ error: error.message }, { status: STATUS[error.code] ?? 500 });
    throw error;
  }
}

// The reject report as CSV: every refused row with its row number, the reason, and the
// original columns, so people can fix the file and import just those rows again.
import { TRPCError } from "@trpc/server";
import Papa from "papaparse";
import { cookies } from "next/headers";
import { createContext } from "@/server/api/context";
import { createCaller } from "@/server/api/root";

export async function GET(request: Request, { params }: { params: Promise<{ importId: string }> }) {
  const { importId } = await params;
  const url = new URL(request.url);
  const api = createCaller(await createContext({ headers: request.headers, cookies: await cookies(), orgSlug: url.searchParams.get("org") }));
  let imp: Awaited<ReturnType<typeof api.imports.get>>;
  try {
    imp = await api.imports.get({ id: importId });
  } catch (error) {
    if (error instanceof TRPCError) return Response.json({ error: error.message }, { status: error.code === "UNAUTHORIZED" ? 401 : error.code === "BAD_REQUEST" ? 400 : 404 });
    throw error;
  }
  const encoder = new TextEncoder();
  let afterRow = 0;
  let done = false;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`\ufeff${Papa.unparse([["Row", "Reason", ...imp.headers]])}\r\n`));
    },
    async pull(controller) {
      if (done) return controller.close();
      const page = await api.imports.rejects({ id: importId, limit: 1000, afterRow });
      if (page.length < 1000) done = true;
      if (!page.length) return controller.close();
      afterRow = page[page.length - 1]!.rowNumber;
      const rows = page.map((r) => [r.rowNumber, r.reason, ...imp.headers.map((h) => (r.raw as Record<string, string>)[h] ?? "")]);
      controller.enqueue(encoder.encode(`${Papa.unparse(rows, { escapeFormulae: true })}\r\n`));
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="rejected-rows-${imp.fileName.replace(/[^\w.-]+/g, "_")}"`,
      "Cache-Control": "no-store",
    },
  });
}

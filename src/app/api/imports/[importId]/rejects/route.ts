// The reject report as CSV: every refused row with its row number, the reason, and the
// original columns, so people can fix the file and import just those rows again.
import Papa from "papaparse";
import { withOrgRoute } from "@/server/api/org-route";
import { reportStreamError } from "@/server/api/route-errors";

// The organization is ?org=; imports.get checks the import is this organization's.
export const GET = withOrgRoute<{ importId: string }>({ name: "import rejects" }, async (_request, { params, api }) => {
  const { importId } = params;
  const imp = await api.imports.get({ id: importId });
  const encoder = new TextEncoder();
  let afterRow = 0;
  let done = false;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`\ufeff${Papa.unparse([["Row", "Reason", ...imp.headers]])}\r\n`));
    },
    async pull(controller) {
      if (done) return controller.close();
      let page: Awaited<ReturnType<typeof api.imports.rejects>>;
      try {
        page = await api.imports.rejects({ id: importId, limit: 1000, afterRow });
      } catch (error) {
        return controller.error(reportStreamError(error, "import rejects"));
      }
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
});

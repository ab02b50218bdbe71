// CSV export of any filtered list: streamed page by page, through the same procedures (and
// so the same membership, permission and tenancy checks) as the list pages.
import Papa from "papaparse";
import { auditExport } from "@/features/audit/audit.export";
import { companiesExport } from "@/features/companies/companies.export";
import { contactsExport } from "@/features/contacts/contacts.export";
import { interactionsExport } from "@/features/interactions/interactions.export";
import { leadsExport } from "@/features/leads/leads.export";
import { tasksExport } from "@/features/tasks/tasks.export";
import { notFound } from "@/server/api/errors";
import type { CsvExport } from "@/server/api/csv-export";
import { withOrgRoute } from "@/server/api/org-route";
import { reportStreamError } from "@/server/api/route-errors";

const EXPORTS: Record<string, CsvExport | undefined> = { "audit-log": auditExport, companies: companiesExport, contacts: contactsExport, interactions: interactionsExport, leads: leadsExport, tasks: tasksExport };

// The organization is ?org=; each list's procedure checks its own read permission.
export const GET = withOrgRoute<{ resource: string }>({ name: "CSV export" }, async (request, { params, api }) => {
  const exporter = EXPORTS[params.resource];
  if (!exporter) throw notFound(`Nothing to export called ${params.resource}`);
  const { org: _org, ...filters } = Object.fromEntries(new URL(request.url).searchParams);
  const readPage = exporter.start(api, filters); // bad filters: a ZodError, answered 400
  const first = await readPage(1); // fails fast (and with the right status) before streaming

  const encoder = new TextEncoder();
  let page = 1;
  let next: typeof first | null = first;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`\ufeff${Papa.unparse([exporter.columns])}\r\n`));
    },
    async pull(controller) {
      if (!next) return controller.close();
      if (next.rows.length) controller.enqueue(encoder.encode(`${Papa.unparse(next.rows, { escapeFormulae: true })}\r\n`));
      try {
        next = next.more ? await readPage(++page) : null;
      } catch (error) {
        controller.error(reportStreamError(error, "CSV export"));
      }
    },
  });
  const date = new Date().toISOString().slice(0, 10);
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${exporter.filename}-${date}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});

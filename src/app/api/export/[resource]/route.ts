// CSV export of any filtered list: streamed page by page, through the same procedures (and
// so the same membership, permission and tenancy checks) as the list pages.
import { TRPCError } from "@trpc/server";
import Papa from "papaparse";
import { cookies } from "next/headers";
import { ZodError } from "zod";
import { auditExport } from "@/features/audit/audit.export";
import { companiesExport } from "@/features/companies/companies.export";
import { contactsExport } from "@/features/contacts/contacts.export";
import { interactionsExport } from "@/features/interactions/interactions.export";
import { leadsExport } from "@/features/leads/leads.export";
import { tasksExport } from "@/features/tasks/tasks.export";
import { createContext } from "@/server/api/context";
import type { CsvExport } from "@/server/api/csv-export";
import { createCaller } from "@/server/api/root";

const EXPORTS: Record<string, CsvExport | undefined> = { "audit-log": auditExport, companies: companiesExport, contacts: contactsExport, interactions: interactionsExport, leads: leadsExport, tasks: tasksExport };

const STATUS: Partial<Record<TRPCError["code"], number>> = { UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404, BAD_REQUEST: 400 };

export async function GET(request: Request, { params }: { params: Promise<{ resource: string }> }) {
  const { resource } = await params;
  const exporter = EXPORTS[resource];
  if (!exporter) return Response.json({ error: `Nothing to export called ${resource}` }, { status: 404 });
  const url = new URL(request.url);
  const { org, ...filters } = Object.fromEntries(url.searchParams);
  const api = createCaller(await createContext({ headers: request.headers, cookies: await cookies(), orgSlug: org ?? null }));

  let readPage: ReturnType<typeof exporter.start>;
  let first: Awaited<ReturnType<typeof readPage>>;
  try {
    readPage = exporter.start(api, filters);
    first = await readPage(1); // fails fast (and with the right status) before streaming
  } catch (error) {
    if (error instanceof ZodError) return Response.json({ error: "Invalid filters", issues: error.issues }, { status: 400 });
    if (error instanceof TRPCError) return Response.json({ error: error.message }, { status: STATUS[error.code] ?? 500 });
    throw error;
  }

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
      next = next.more ? await readPage(++page) : null;
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
}

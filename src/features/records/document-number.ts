// Document numbers per organization, kind and year (in the organization's time zone):
// P-2026-0001 for proposals, C-2026-0001 for contracts.
import { notFound } from "@/server/api/errors";
import type { OrgScope } from "@/server/api/scope";

const PREFIX = { proposal: "P", contract: "C" } as const;
export type DocumentKind = keyof typeof PREFIX;

/**
 * The counter row is upserted and so locked until the creating transaction ends: concurrent
 * creations queue on it, and a rolled-back creation gives its number back (no gaps, no duplicates).
 */
export async function nextDocumentNumber(scope: OrgScope, kind: DocumentKind): Promise<string> {
  const [row] = await scope.tx.$queryRaw<{ year: number; last_value: number }[]>`
    INSERT INTO document_number_counters (organization_id, kind, year, last_value)
    SELECT o.id, ${kind}, extract(year FROM now() AT TIME ZONE o.timezone)::int, 1 FROM organizations o WHERE o.id = ${scope.orgId}::uuid
    ON CONFLICT (organization_id, kind, year) DO UPDATE SET last_value = document_number_counters.last_value + 1
    RETURNING year, last_value`;
  if (!row) throw notFound("Organization");
  return `${PREFIX[kind]}-${row.year}-${String(row.last_value).padStart(4, "0")}`;
}

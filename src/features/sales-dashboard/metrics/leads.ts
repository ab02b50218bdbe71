// Lead metrics: where the leads created in range came from, and how many became deals.
import type { Tx } from "@/server/db/tenant";
import { type DashboardFilters, atTimes, byOwner } from "./filters";

export interface LeadSource {
  source: string;
  created: number;
  converted: number;
  /** converted / created */
  rate: number;
}

export interface LeadConversion {
  created: number;
  converted: number;
  /** null when no leads were created in range. */
  rate: number | null;
  /** Largest source first. */
  bySource: LeadSource[];
}

/**
 * Lead sources and conversion, as a cohort: leads created in range, grouped by source, with
 * how many of those are converted by now (status 'converted'), whenever that happened.
 * The owner filter follows the lead's assignee.
 */
export async function leadConversion(tx: Tx, f: DashboardFilters): Promise<LeadConversion> {
  const rows = await tx.$queryRaw<{ source: string; created: number; converted: number }[]>`
    SELECT l.source::text AS source, count(*)::int AS created, count(*) FILTER (WHERE l.status = 'converted')::int AS converted
    FROM leads l
    WHERE ${atTimes("l.created_at", f)} ${byOwner("l.assigned_to", f)}
    GROUP BY l.source
    ORDER BY created DESC, converted DESC, source`;
  const created = rows.reduce((n, r) => n + r.created, 0);
  const converted = rows.reduce((n, r) => n + r.converted, 0);
  return {
    created,
    converted,
    rate: created ? converted / created : null,
    bySource: rows.map((r) => ({ ...r, rate: r.converted / r.created })),
  };
}

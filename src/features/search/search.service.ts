// Global search across the records a member may read: typo-tolerant through pg_trgm's word
// similarity (so "acme logstics" finds "Acme Logistics Inc"), org-scoped by RLS like any query.
import type { z } from "zod";
import type { OrgScope } from "@/server/api/scope";
import type { SearchKind, globalSearchSchema } from "./search.schema";

export interface SearchHit {
  kind: SearchKind;
  id: string;
  title: string;
  subtitle: string | null;
  score: number;
}

// Lower than pg_trgm's default 0.6, so one or two typos in a word still match.
const WORD_SIMILARITY_THRESHOLD = "0.3";

export async function globalSearch(scope: OrgScope, input: z.output<typeof globalSearchSchema>, kinds: readonly SearchKind[]): Promise<SearchHit[]> {
  const q = input.q;
  const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  await scope.tx.$executeRaw`SELECT set_config('pg_trgm.word_similarity_threshold', ${WORD_SIMILARITY_THRESHOLD}, TRUE)`;
  const hits: SearchHit[] = [];
  if (kinds.includes("company")) {
    const rows = await scope.tx.$queryRaw<{ id: string; title: string; subtitle: string | null; score: number }[]>`
      SELECT id, name AS title, concat_ws(' · ', nullif(industry, ''), nullif(city, ''), domain) AS subtitle,
             greatest(word_similarity(${q}, name), word_similarity(${q}, coalesce(domain, '')))::float8 AS score
      FROM companies
      WHERE ${q} <% name OR ${q} <% domain OR name ILIKE ${like}
      ORDER BY (name ILIKE ${like}) DESC, score DESC, name
      LIMIT ${input.limit}`;
    hits.push(...rows.map((r) => ({ ...r, kind: "company" as const })));
  }
  if (kinds.includes("contact")) {
    const rows = await scope.tx.$queryRaw<{ id: string; title: string; subtitle: string | null; score: number }[]>`
      SELECT id, full_name AS title, concat_ws(' · ', nullif(title, ''), email) AS subtitle,
             greatest(word_similarity(${q}, full_name), word_similarity(${q}, coalesce(email, '')))::float8 AS score
      FROM contacts
      WHERE ${q} <% full_name OR ${q} <% email OR full_name ILIKE ${like} OR email ILIKE ${like}
      ORDER BY (full_name ILIKE ${like}) DESC, score DESC, full_name
      LIMIT ${input.limit}`;
    hits.push(...rows.map((r) => ({ ...r, kind: "contact" as const })));
  }
  if (kinds.includes("lead")) {
    // A lead is found by its company's name or domain, or its contact's name.
    const rows = await scope.tx.$queryRaw<{ id: string; title: string; subtitle: string | null; score: number }[]>`
      SELECT l.id, c.name AS title,
             concat_ws(' · ', 'Score ' || l.lead_score, initcap(replace(l.status::text, '_', ' ')), ct.full_name) AS subtitle,
             greatest(word_similarity(${q}, c.name), word_similarity(${q}, coalesce(ct.full_name, '')))::float8 AS score
      FROM leads l
      JOIN companies c ON c.organization_id = l.organization_id AND c.id = l.company_id
      LEFT JOIN contacts ct ON ct.organization_id = l.organization_id AND ct.id = l.contact_id
      WHERE ${q} <% c.name OR ${q} <% c.domain OR c.name ILIKE ${like} OR ${q} <% ct.full_name
      ORDER BY (c.name ILIKE ${like}) DESC, score DESC, c.name
      LIMIT ${input.limit}`;
    hits.push(...rows.map((r) => ({ ...r, kind: "lead" as const })));
  }
  if (kinds.includes("opportunity")) {
    const rows = await scope.tx.$queryRaw<{ id: string; title: string; subtitle: string | null; score: number }[]>`
      SELECT o.id, o.name AS title, concat_ws(' · ', s.name, c.name) AS subtitle, word_similarity(${q}, o.name)::float8 AS score
      FROM opportunities o
      JOIN pipeline_stages s ON s.organization_id = o.organization_id AND s.id = o.current_stage_id
      LEFT JOIN companies c ON c.organization_id = o.organization_id AND c.id = o.company_id
      WHERE (${q} <% o.name OR o.name ILIKE ${like}) AND NOT o.is_archived
      ORDER BY (o.name ILIKE ${like}) DESC, score DESC, o.name
      LIMIT ${input.limit}`;
    hits.push(...rows.map((r) => ({ ...r, kind: "opportunity" as const })));
  }
  return hits;
}

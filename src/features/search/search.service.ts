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
  return hits;
}

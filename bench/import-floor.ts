// The import benchmark's second baseline: PostgreSQL's own cost of the rows a lead import must
// write, with no application in the way. From the COPY staging table, one set-based
// INSERT ... SELECT per table (companies, contacts, their links, leads with a score breakdown
// of the real size, tags) as the app role under RLS, in one transaction that is rolled back.
// No validation, no duplicate lookup, no scoring: a floor, not something the app could do.
import { performance } from "node:perf_hooks";
import type pg from "pg";

export interface FloorResult { ms: number; rows: number }

export async function measureSqlFloor(client: pg.Client, opts: { orgId: string; userId: string; breakdown: unknown }): Promise<FloorResult> {
  const { orgId, userId } = opts;
  await client.query("BEGIN");
  try {
    await client.query(`CREATE TEMP TABLE floor_rows ON COMMIT DROP AS
      SELECT uuid_v7() AS company_id, uuid_v7() AS contact_id, uuid_v7() AS lead_id, s.*
      FROM import_copy_baseline s WHERE btrim(coalesce(s.company, '')) <> ''`);
    await client.query("GRANT SELECT ON floor_rows TO parley_app");
    await client.query("SET LOCAL ROLE parley_app");
    await client.query("SELECT set_config('app.current_org_id', $1, true)", [orgId]);
    const start = performance.now();
    const { rowCount } = await client.query(
      `INSERT INTO companies (id, organization_id, name, website, domain, industry, employee_count, annual_revenue, city, country, owner_id, created_by, import_id)
       SELECT company_id, $1, btrim(company), nullif(website, ''), lower(substring(website from '^(?:https?://)?(?:www\\.)?([^/]+)')), nullif(industry, ''),
              CASE WHEN employees ~ '^[0-9]+$' THEN employees::int END, CASE WHEN revenue ~ '^[0-9]+(\\.[0-9]+)?$' THEN revenue::numeric END,
              nullif(city, ''), nullif(country, ''), $2, $2, $1
       FROM floor_rows`, [orgId, userId]);
    await client.query(
      `INSERT INTO contacts (id, organization_id, first_name, last_name, full_name, email, phone, title, type, owner_id, created_by, import_id)
       SELECT contact_id, $1, coalesce(nullif(btrim(first_name), ''), 'Unknown'), coalesce(btrim(last_name), ''), btrim(coalesce(first_name, '') || ' ' || coalesce(last_name, '')),
              nullif(email, ''), nullif(phone, ''), nullif(title, ''), 'client', $2, $2, $1
       FROM floor_rows`, [orgId, userId]);
    await client.query(
      `INSERT INTO company_contacts (organization_id, company_id, contact_id, is_primary) SELECT $1, company_id, contact_id, true FROM floor_rows`, [orgId]);
    await client.query(
      `INSERT INTO leads (id, organization_id, company_id, contact_id, source, nurture_status, assigned_to, assigned_at, source_details, created_by, import_id, lead_score, score_breakdown, scored_at)
       SELECT lead_id, $1, company_id, contact_id, 'import', 'new', $2, now(), jsonb_build_object('note', notes), $2, $1, 40, $3::jsonb, now()
       FROM floor_rows`, [orgId, userId, JSON.stringify(opts.breakdown)]);
    await client.query(
      `INSERT INTO tags (organization_id, name)
       SELECT DISTINCT $1::uuid, left(btrim(t), 50) FROM floor_rows, regexp_split_to_table(tags, '[;,|]') AS t WHERE btrim(t) <> '' ON CONFLICT DO NOTHING`, [orgId]);
    await client.query(
      `INSERT INTO lead_tags (organization_id, lead_id, tag_id)
       SELECT $1, f.lead_id, g.id FROM floor_rows f, regexp_split_to_table(f.tags, '[;,|]') AS t JOIN tags g ON g.name = left(btrim(t), 50)
       ON CONFLICT DO NOTHING`, [orgId]);
    return { ms: performance.now() - start, rows: rowCount ?? 0 };
  } finally {
    await client.query("ROLLBACK");
  }
}

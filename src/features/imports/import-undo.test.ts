// Undo of a 100,000-row lead import (100,000 companies, contacts and leads, their links and
// timelines), rows written straight with SQL to keep the test fast. The old undo ran it all in
// one transaction and hit the statement timeout from 2,500 rows on.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerAs, createOrgWithOwner, ownerPool } from "../../../test/helpers/fixtures";
import { runImportUndo } from "./import-undo";

const ROWS = 100_000;

/** Writes, as the import would have, ROWS leads with their company, contact and link. */
async function seedImport(orgId: string, ownerId: string, importId: string) {
  const db = ownerPool();
  await db.query(`INSERT INTO imports (id, organization_id, resource, file_name, file_size, status, total_rows, processed_rows, created_count, updated_count, created_by, finished_at)
    VALUES ($1, $2, 'leads', 'big.csv', 1, 'completed', $3, $3, $3, 1, $4, now())`, [importId, orgId, ROWS, ownerId]);
  // Temp tables live per connection; one statement per step keeps this on one.
  const client = await db.connect();
  try {
    await client.query(`CREATE TEMP TABLE seed AS SELECT n, uuid_v7() AS company, uuid_v7() AS contact, uuid_v7() AS lead FROM generate_series(1, $1) n`, [ROWS]);
    await client.query(`INSERT INTO companies (id, organization_id, name, domain, created_by, import_id) SELECT company, $1, 'Big Co ' || n, 'big' || n || '.example', $2, $3 FROM seed`, [orgId, ownerId, importId]);
    await client.query(`INSERT INTO contacts (id, organization_id, first_name, full_name, email, created_by, import_id) SELECT contact, $1, 'Pat', 'Pat ' || n, 'pat' || n || '@big.example', $2, $3 FROM seed`, [orgId, ownerId, importId]);
    // Fresh statistics before the inserts whose foreign-key checks look these rows up: planned
    // on an empty table, each check would scan the whole table.
    await client.query("ANALYZE companies; ANALYZE contacts");
    await client.query(`INSERT INTO company_contacts (organization_id, company_id, contact_id, is_primary) SELECT $1, company, contact, true FROM seed`, [orgId]);
    await client.query("ANALYZE company_contacts");
    await client.query(`INSERT INTO leads (id, organization_id, company_id, contact_id, created_by, import_id) SELECT lead, $1, company, contact, $2, $3 FROM seed`, [orgId, ownerId, importId]);
    await client.query("ANALYZE leads");
    // Some history on the imported records (timeline entries point at them by type and id).
    await client.query(`INSERT INTO timeline_events (organization_id, subject_type, subject_id, event_type, title)
      SELECT $1::uuid, 'lead', lead, 'note', 'Called' FROM seed WHERE n % 10 = 0
      UNION ALL SELECT $1::uuid, 'contact', contact, 'note', 'Emailed' FROM seed WHERE n % 50 = 0`, [orgId]);
    await client.query(`DROP TABLE seed`);
  } finally {
    client.release();
  }
  await db.query("ANALYZE companies; ANALYZE contacts; ANALYZE leads; ANALYZE company_contacts; ANALYZE timeline_events");
}

const count = async (sql: string, params: unknown[]) => (await ownerPool().query<{ n: number }>(sql, params)).rows[0]!.n;

describe("undoing a 100,000-row import", () => {
  beforeAll(() => { process.env.PARLEY_UPLOAD_DIR = ".data/test-uploads"; });
  afterAll(() => { delete process.env.PARLEY_UPLOAD_DIR; });

  it("removes everything it created and restores what it updated, in batches, with progress, within the statement timeout", async () => {
    const org = await createOrgWithOwner("undo-big");
    const other = await createOrgWithOwner("undo-big-other");
    const api = callerAs(org.owner, org.slug);
    const importId = "01900000-0000-7000-8000-00000000b16a";
    await seedImport(org.orgId, org.owner.id, importId);
    // What the import updated (an existing company) and what people made by hand since.
    const existing = await api.companies.create({ name: "Kept Co", industry: "Logistics" });
    await ownerPool().query(`INSERT INTO import_records (organization_id, import_id, record_type, record_id, action, previous) VALUES ($1, $2, 'company', $3, 'updated', '{"industry": "Freight"}')`, [org.orgId, importId, existing.id]);
    const [someContact] = (await ownerPool().query<{ id: string }>("SELECT id FROM contacts WHERE import_id = $1 LIMIT 1", [importId])).rows;
    const byHand = await api.companies.create({ name: "Made By Hand" });
    // A lead made by hand whose contact came with the import: it stays, without that contact.
    const { rows: [handLead] } = await ownerPool().query<{ id: string }>("INSERT INTO leads (organization_id, company_id, contact_id) VALUES ($1, $2, $3) RETURNING id", [org.orgId, byHand.id, someContact!.id]);
    // Another organization's rows carrying the same import id stay: undo works under RLS.
    await ownerPool().query("INSERT INTO companies (organization_id, name, import_id) VALUES ($1, 'Other Org Co', $2)", [other.orgId, importId]);

    expect(await api.imports.undo({ id: importId })).toEqual({ id: importId, status: "undoing" });
    const started = await api.imports.get({ id: importId });
    expect(started).toMatchObject({ status: "undoing", undoDone: 0 });

    // What the page would poll, sampled while the job works.
    const seen = new Set<number>();
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        seen.add((await api.imports.get({ id: importId })).undoDone);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    await runImportUndo({ importId, orgId: org.orgId, userId: org.owner.id }, started.jobId!);
    sampling = false;
    await sampler;

    const done = await api.imports.get({ id: importId });
    expect(done).toMatchObject({ status: "undone", error: null, undoTotal: 3 * ROWS + 1, undoDone: 3 * ROWS + 1, jobId: null });
    expect([...seen].filter((n) => n > 0 && n < 3 * ROWS).length).toBeGreaterThan(2);
    for (const table of ["companies", "contacts", "leads"]) {
      expect([table, await count(`SELECT count(*)::int AS n FROM ${table} WHERE organization_id = $1 AND import_id = $2`, [org.orgId, importId])]).toEqual([table, 0]);
    }
    expect(await count("SELECT count(*)::int AS n FROM company_contacts WHERE organization_id = $1", [org.orgId])).toBe(0);
    expect(await count("SELECT count(*)::int AS n FROM timeline_events WHERE organization_id = $1 AND event_type = 'note'", [org.orgId])).toBe(0);
    expect(await count("SELECT count(*)::int AS n FROM import_records WHERE import_id = $1", [importId])).toBe(0);
    expect(await api.companies.get({ id: existing.id })).toMatchObject({ industry: "Freight" });
    expect((await api.companies.get({ id: byHand.id })).name).toBe("Made By Hand");
    expect((await ownerPool().query("SELECT contact_id FROM leads WHERE id = $1", [handLead!.id])).rows).toEqual([{ contact_id: null }]);
    expect(await count("SELECT count(*)::int AS n FROM companies WHERE organization_id = $1", [other.orgId])).toBe(1);
    const [entry] = (await api.audit.list({ action: "import.undo" })).items;
    expect(entry!.details).toMatchObject({ leads: ROWS, contacts: ROWS, companies: ROWS, restored: 1, timelineEvents: ROWS / 10 + ROWS / 50 });
  }, 600_000);
});

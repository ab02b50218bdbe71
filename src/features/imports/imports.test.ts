import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { addMember, callerAs, createOrgWithOwner, ownerPool } from "../../../test/helpers/fixtures";
import { stopJobQueue } from "@/server/jobs/boss";
import { startJobWorkers } from "@/server/jobs/workers";
import { stagedPath } from "./import-files";

type Api = ReturnType<typeof callerAs>;

// Imports and their undo are pg-boss jobs, worked here as on a server.
beforeAll(async () => { process.env.PARLEY_UPLOAD_DIR = path.resolve(".data/test-uploads"); await startJobWorkers(); });
afterAll(async () => { await stopJobQueue(); delete process.env.PARLEY_UPLOAD_DIR; });

async function upload(api: Api, resource: "leads" | "companies" | "contacts", csv: string, fileName = "import.csv") {
  const token = randomBytes(16).toString("hex");
  await mkdir(path.dirname(stagedPath(token)), { recursive: true });
  await writeFile(stagedPath(token), csv);
  return api.imports.create({ resource, fileName, uploadToken: token });
}

async function finished(api: Api, id: string) {
  return vi.waitFor(async () => {
    const imp = await api.imports.get({ id });
    if (imp.status === "running" || imp.status === "uploaded") throw new Error(`import still ${imp.status}`);
    return imp;
  }, { timeout: 20_000, interval: 50 });
}

/** Asks for the undo and waits for its job; resolves with what the undo's audit entry counted. */
async function undo(api: Api, id: string) {
  expect(await api.imports.undo({ id })).toEqual({ id, status: "undoing" });
  await vi.waitFor(async () => expect((await api.imports.get({ id })).status).toBe("undone"), { timeout: 20_000, interval: 50 });
  const entry = (await api.audit.list({ action: "import.undo" })).items.find((e) => e.resourceId === id);
  return entry!.details as { leads: number; contacts: number; companies: number; restored: number; timelineEvents: number };
}

const MESSY = [
  "Company,Website,First name,Last name,Email,Phone,Employees,Source,Nurture,Tags,Owner",
  "Acme Logistics,acme.example,Ana,Diaz,ana@acme.example,+1 555 0100,120,Trade Show,Hot,Enterprise;Q1 target,",
  "Beta Bakery,https://beta.example,Ben,,ben@beta.example,,12,website,warm,,",
  ",nameless.example,No,Company,,,,,,,",
  "Gamma Games,gamma.example,Gia,Ng,not-an-email,,,,,,",
  "Delta Dental,delta.example,Dee,Lee,dee@delta.example,,many,,,,",
  "Acme Logistics Inc,https://www.acme.example,Ann,Other,ann@acme.example,,,,,,",
  "Echo Energy,echo.example,Eve,Ek,eve@echo.example,,5,referral,cold,,nobody@nowhere.example",
  "Foxtrot Farms,foxtrot.example,Fay,Fox,fay@foxtrot.example,,40,Carrier Pigeon,,,",
].join("\n");

describe("CSV import", () => {
  it("suggests a mapping, imports good rows, reports every reject with its reason, and skips duplicates", async () => {
    const org = await createOrgWithOwner("import-messy");
    const api = callerAs(org.owner, org.slug);
    const { id } = await upload(api, "leads", MESSY, "messy.csv");
    const imp = await api.imports.get({ id });
    expect(imp).toMatchObject({ status: "uploaded", totalRows: 8 });
    expect(imp.mapping).toMatchObject({ companyName: "Company", website: "Website", contactFirstName: "First name", contactEmail: "Email", source: "Source", nurtureStatus: "Nurture", tags: "Tags", assignedTo: "Owner" });

    await api.imports.start({ id, mapping: imp.mapping, duplicateStrategy: "skip" });
    const done = await finished(api, id);
    expect(done).toMatchObject({ status: "completed", processedRows: 8, createdCount: 2, skippedCount: 1, rejectedCount: 5 });
    const rejects = await api.imports.rejects({ id });
    expect(rejects.map((r) => [r.rowNumber, r.reason])).toEqual([
      [4, "Company name is required"],
      [5, "Contact email: Enter a valid email address"],
      [6, "Employees must be a number"],
      [8, "Assigned to: no member with email nobody@nowhere.example"],
      [9, expect.stringMatching(/^Lead source must be one of: website, referral/)],
    ]);
    expect((rejects[0]!.raw as Record<string, string>).Website).toBe("nameless.example");

    const leads = await api.leads.list({ sort: "companyName", dir: "asc" });
    expect(leads.items.map((l) => [l.company.name, l.source, l.nurtureStatus, l.contact?.fullName])).toEqual([
      ["Acme Logistics", "trade_show", "hot", "Ana Diaz"],
      ["Beta Bakery", "website", "warm", "Ben"],
    ]);
    expect(leads.items[0]!.tags.map((t) => t.tag.name)).toEqual(["Enterprise", "Q1 target"]);
    const acme = await api.leads.get({ id: leads.items[0]!.id });
    expect(acme.scoreBreakdown.lines).toHaveLength(8);
    expect(acme.timeline.map((e) => e.title)).toEqual(["Imported from messy.csv"]);

    // Later events come first; the import stays the record's first moment. Undo takes the
    // records the import created and everything on their timelines, and nothing else.
    await api.interactions.log({ leadId: acme.id, type: "call", subject: "Intro call" });
    const after = await api.leads.get({ id: acme.id });
    expect(after.timeline.map((e) => e.title).at(-1)).toBe("Imported from messy.csv");
    expect(after.timeline.length).toBeGreaterThan(1);
    const mine = await api.companies.create({ name: "Made By Hand" });
    const undone = await undo(api, id);
    expect(undone).toMatchObject({ leads: 2, contacts: 2, companies: 2, restored: 0 });
    expect(undone.timelineEvents).toBeGreaterThan(0);
    expect((await api.leads.list({})).total).toBe(0);
    expect((await api.contacts.list({})).total).toBe(0);
    expect((await api.companies.list({})).items.map((c) => c.id)).toEqual([mine.id]);
    const { rows } = await ownerPool().query<{ n: number }>("SELECT count(*)::int AS n FROM timeline_events WHERE subject_id = $1", [acme.id]);
    expect(rows[0]!.n).toBe(0);
  });

  it("undoes a whole import: created records go, updated ones get their old values back", async () => {
    const org = await createOrgWithOwner("import-undo");
    const api = callerAs(org.owner, org.slug);
    const existing = await api.companies.create({ name: "Acme Logistics", website: "acme.example", industry: "Freight" });
    const { id } = await upload(api, "companies", "Name,Website,Industry,Employees\nAcme Logistics,acme.example,Logistics,300\nNew Co,new.example,Retail,8\n");
    const imp = await api.imports.get({ id });
    await api.imports.start({ id, mapping: imp.mapping, duplicateStrategy: "update" });
    expect(await finished(api, id)).toMatchObject({ status: "completed", createdCount: 1, updatedCount: 1 });
    expect(await api.companies.get({ id: existing.id })).toMatchObject({ industry: "Logistics", employeeCount: 300 });
    expect((await api.companies.list({})).total).toBe(2);

    expect(await undo(api, id)).toMatchObject({ companies: 1, restored: 1 });
    expect(await api.companies.get({ id: existing.id })).toMatchObject({ industry: "Freight", employeeCount: null });
    expect((await api.companies.list({})).items.map((c) => c.name)).toEqual(["Acme Logistics"]);
    expect((await api.imports.get({ id })).status).toBe("undone");
    await expect(api.imports.undo({ id })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("in update mode, a row matching a company an earlier row of the same file created updates it", async () => {
    const org = await createOrgWithOwner("import-same-batch");
    const api = callerAs(org.owner, org.slug);
    const csv = "Company,Website,Industry,Employees,Nurture\nZeta Zinc,zeta.example,,5,cold\nZeta Zinc Inc,https://www.zeta.example,Mining,500,hot\n";
    const { id } = await upload(api, "leads", csv);
    const imp = await api.imports.get({ id });
    await api.imports.start({ id, mapping: imp.mapping, duplicateStrategy: "update" });
    expect(await finished(api, id)).toMatchObject({ status: "completed", createdCount: 1, updatedCount: 1, rejectedCount: 0 });
    const leads = await api.leads.list({});
    expect(leads.total).toBe(1);
    const lead = await api.leads.get({ id: leads.items[0]!.id });
    expect(lead).toMatchObject({ nurtureStatus: "hot", company: { name: "Zeta Zinc", industry: "Mining", employeeCount: 500 } });
    // Scored from the facts it ended with: the industry it gained counts.
    expect(lead.scoreBreakdown.lines?.find((l) => l.factor === "industry")?.points).toBeGreaterThan(0);
    expect(await undo(api, id)).toMatchObject({ leads: 1, companies: 1, restored: 0 });
  });

  it("matches contacts' companies by name or domain, and refuses a mapping without the required column", async () => {
    const org = await createOrgWithOwner("import-contacts");
    const api = callerAs(org.owner, org.slug);
    await api.companies.create({ name: "Orbit Labs", website: "orbit.example" });
    const { id } = await upload(api, "contacts", "First name,Last name,Email,Company\nOla,Orb,ola@orbit.example,orbit.example\nOla,Again,OLA@orbit.example,Orbit Labs\nNia,Nobody,nia@x.example,Unknown Inc\n");
    await expect(api.imports.start({ id, mapping: { contactEmail: "Email" } })).rejects.toMatchObject({ code: "BAD_REQUEST", message: "Choose the column that holds the first name" });
    await expect(api.imports.start({ id, mapping: { contactFirstName: "Nope" } })).rejects.toMatchObject({ message: "The file has no column called “Nope”" });
    const imp = await api.imports.get({ id });
    await api.imports.start({ id, mapping: imp.mapping });
    expect(await finished(api, id)).toMatchObject({ createdCount: 1, skippedCount: 1, rejectedCount: 1 });
    const contacts = await api.contacts.list({});
    expect(contacts.items.map((c) => [c.fullName, c.companyLinks[0]?.company.name])).toEqual([["Ola Orb", "Orbit Labs"]]);
  });

  it("keeps columns no field took as an enrichment record on each new lead", async () => {
    const org = await createOrgWithOwner("import-enrich");
    const api = callerAs(org.owner, org.slug);
    const { id } = await upload(api, "leads", "Company,LinkedIn followers,Funding round\nKeep Co,1200,Series A\n", "crm-export.csv");
    const imp = await api.imports.get({ id });
    await api.imports.start({ id, mapping: imp.mapping });
    expect(await finished(api, id)).toMatchObject({ createdCount: 1 });
    const [lead] = (await api.leads.list({})).items;
    const detail = await api.leads.get({ id: lead!.id });
    expect(detail.enrichments).toMatchObject([{ source: "CSV import: crm-export.csv", data: { "LinkedIn followers": "1200", "Funding round": "Series A" } }]);
  });

  it("drops NUL characters from every cell and header instead of failing the batch", async () => {
    const org = await createOrgWithOwner("import-nul");
    const api = callerAs(org.owner, org.slug);
    const { id } = await upload(api, "leads", "Com\u0000pany,Notes\u0000\nNul\u0000 Industries,a\u0000b\nPlain Co,\u0000\n");
    const imp = await api.imports.get({ id });
    expect(imp.headers).toEqual(["Company", "Notes"]);
    expect(imp.preview).toEqual([["Nul Industries", "ab"], ["Plain Co", ""]]);
    await api.imports.start({ id, mapping: imp.mapping });
    expect(await finished(api, id)).toMatchObject({ status: "completed", createdCount: 2, rejectedCount: 0 });
    expect((await api.leads.list({ sort: "companyName", dir: "asc" })).items.map((l) => l.company.name)).toEqual(["Nul Industries", "Plain Co"]);
  });

  it("pages rejects by row number: a date, a fraction or a number past the last row is a 400, not an overflow", async () => {
    const org = await createOrgWithOwner("import-after-row");
    const api = callerAs(org.owner, org.slug);
    const { id } = await upload(api, "leads", "Company\nOnly Co\n");
    for (const afterRow of [new Date(), 2 ** 31, 1.5, -1, "1e400"]) {
      await expect(api.imports.rejects({ id, afterRow: afterRow as number }), String(afterRow)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    }
    await expect(api.imports.rejects({ id, afterRow: 2 ** 31 - 1 })).resolves.toEqual([]);
  });

  it("a viewer cannot import, and an empty file is refused naming the upload", async () => {
    const org = await createOrgWithOwner("import-perm");
    const viewer = callerAs(await addMember(org, "Viewer"), org.slug);
    await expect(upload(viewer, "leads", "Company\nX\n")).rejects.toMatchObject({ code: "FORBIDDEN" });
    const api = callerAs(org.owner, org.slug);
    await expect(upload(api, "leads", "Company\n")).rejects.toMatchObject({ code: "BAD_REQUEST", message: "The file has a header row but no data rows" });
  });
});

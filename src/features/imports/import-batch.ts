// One batch of an import, set-based: look up every possible duplicate in one query, then
// insert companies, contacts, links, leads and tags with one statement each (ids are minted
// here so rows can point at each other without round trips). Every record created carries the
// import's id (undo deletes by it; the timeline reads "Imported from" off it); records updated
// get an undo row with their previous values. Duplicates follow the import's strategy: skip
// them, update them, or create anyway.
import { addUsage, lockedAllowance } from "@/features/billing/usage";
import { companyDomain } from "@/features/companies/companies.service";
import { computeLeadScore } from "@/features/leads/lead-scoring";
import { loadScoringWeights, rescoreLeads } from "@/features/leads/lead-scoring.service";
import { uuidv7 } from "@/lib/ids";
import { literalEquals } from "@/lib/like-pattern";
import type { OrgScope } from "@/server/api/scope";
import type { ImportResource, ImportRow } from "./import-fields";

export interface BatchRow { rowNumber: number; raw: Record<string, string>; values: ImportRow }
export interface BatchImport {
  id: string; resource: ImportResource; duplicateStrategy: "skip" | "update" | "create"; fileName: string;
  /** Columns no field took: kept on each new lead as an enrichment record, not thrown away. */
  unmappedColumns: string[];
}
export interface Reject { rowNumber: number; reason: string; raw: Record<string, string> }
/** A record an import updated, with the values to put back on undo. */
interface Update { type: "company" | "contact" | "lead"; id: string; previous: unknown }
export interface BatchOutcome { created: number; updated: number; skipped: number; rejects: Reject[] }

interface CompanyMatch { id: string; name: string; domain: string | null; email: string | null; phone: string | null; lead_id: string | null }

const lower = (s: string | null | undefined) => s?.toLowerCase() ?? null;
const snakeCase = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const splitTags = (tags: string | null | undefined) => [...new Set((tags ?? "").split(/[;,|]/).map((t) => t.trim()).filter(Boolean).map((t) => t.slice(0, 50)))];

/** Company keys in the order duplicates are matched: email, phone, domain, then name. */
function companyKeys(v: ImportRow) {
  return { email: lower(v.companyEmail), phone: v.companyPhone ?? null, domain: companyDomain(v.website, v.companyEmail), name: lower(v.companyName) };
}

class CompanyIndex {
  private maps = { email: new Map<string, CompanyMatch>(), phone: new Map<string, CompanyMatch>(), domain: new Map<string, CompanyMatch>(), name: new Map<string, CompanyMatch>() };
  add(c: CompanyMatch) {
    if (c.email) this.maps.email.set(c.email.toLowerCase(), c);
    if (c.phone) this.maps.phone.set(c.phone, c);
    if (c.domain) this.maps.domain.set(c.domain, c);
    this.maps.name.set(c.name.toLowerCase(), c);
  }
  find(k: ReturnType<typeof companyKeys>): CompanyMatch | undefined {
    return (k.email && this.maps.email.get(k.email)) || (k.phone && this.maps.phone.get(k.phone)) || (k.domain && this.maps.domain.get(k.domain)) || (k.name && this.maps.name.get(k.name)) || undefined;
  }
  /** Unique columns a new company would collide on (email and phone are unique per org). */
  collision(k: ReturnType<typeof companyKeys>, self?: string): string | null {
    const byEmail = k.email && this.maps.email.get(k.email);
    if (byEmail && byEmail.id !== self) return `Email ${k.email} already belongs to ${byEmail.name}`;
    const byPhone = k.phone && this.maps.phone.get(k.phone);
    return byPhone && byPhone.id !== self ? `Phone ${k.phone} already belongs to ${byPhone.name}` : null;
  }
}

async function loadCompanies(scope: OrgScope, rows: BatchRow[]): Promise<CompanyIndex> {
  const keys = rows.map((r) => companyKeys(r.values));
  const pick = (f: keyof ReturnType<typeof companyKeys>) => [...new Set(keys.map((k) => k[f]).filter((x): x is string => !!x))];
  // Organization from RLS only: an explicit organization_id = $1 makes the planner read the
  // organization's row count from statistics, which say ~0 while a new organization's first
  // import runs, and it then prefers scanning the organization over the key indexes.
  const found = await scope.tx.$queryRaw<CompanyMatch[]>`
    SELECT c.id, c.name, c.domain, c.email, c.phone, l.id AS lead_id
    FROM companies c LEFT JOIN leads l ON l.organization_id = c.organization_id AND l.company_id = c.id
    WHERE c.name_lower = ANY(${pick("name")}::text[]) OR c.domain = ANY(${pick("domain")}::text[])
       OR c.email = ANY(${pick("email")}::text[]) OR c.phone = ANY(${pick("phone")}::text[])`;
  const index = new CompanyIndex();
  for (const c of found) index.add(c);
  return index;
}

async function memberIdsByEmail(scope: OrgScope, rows: BatchRow[]): Promise<Map<string, string>> {
  const emails = [...new Set(rows.map((r) => r.values.assignedTo).filter((e): e is string => !!e))];
  if (!emails.length) return new Map();
  const found = await scope.tx.$queryRaw<{ id: string; email: string }[]>`
    SELECT u.id, lower(u.email) AS email FROM memberships m JOIN users u ON u.id = m.user_id
    WHERE m.status = 'active' AND lower(u.email) = ANY(${emails}::text[])`;
  return new Map(found.map((u) => [u.email, u.id]));
}

/** Rows to insert, sent as one JSON document per statement (json_to_recordset on the server). */
class Columns<K extends string> {
  readonly rows: Partial<Record<K, unknown>>[] = [];
  constructor(readonly names: readonly K[]) {}
  push(row: Record<K, unknown>) { this.rows.push(row); }
  get size() { return this.rows.length; }
  json() { return JSON.stringify(this.rows); }
}

const COMPANY_COLS = ["id", "name", "website", "domain", "email", "phone", "industry", "employee_count", "annual_revenue", "city", "state", "country", "external_id", "lifecycle", "tier"] as const;
const CONTACT_COLS = ["id", "first_name", "last_name", "full_name", "email", "phone", "title", "type"] as const;
const LEAD_COLS = ["id", "company_id", "contact_id", "source", "nurture_status", "assigned_to", "note", "score", "breakdown"] as const;

/** Only the non-empty fields a row brings, as column values for a company update. */
function companyChanges(v: ImportRow): Record<string, unknown> {
  const all: Record<string, unknown> = {
    website: v.website, email: v.companyEmail, phone: v.companyPhone, industry: v.industry, employeeCount: v.employeeCount,
    annualRevenue: v.annualRevenue, city: v.city, state: v.state, country: v.country, externalId: v.externalId, lifecycle: v.lifecycle, tier: v.tier,
  };
  return Object.fromEntries(Object.entries(all).filter(([, x]) => x !== null && x !== undefined));
}

export async function importBatch(scope: OrgScope, imp: BatchImport, rows: BatchRow[]): Promise<BatchOutcome> {
  const out: BatchOutcome = { created: 0, updated: 0, skipped: 0, rejects: [] };
  const reject = (r: BatchRow, reason: string) => out.rejects.push({ rowNumber: r.rowNumber, reason, raw: r.raw });
  const companies = new Columns(COMPANY_COLS);
  const contacts = new Columns(CONTACT_COLS);
  const links: { company_id: string; contact_id: string }[] = [];
  const leads = new Columns(LEAD_COLS);
  const leadTags: { leadId: string; names: string[] }[] = [];
  const updates: Update[] = [];
  const touchedLeads: string[] = [];
  const enrichments: { leadId: string; data: Record<string, string> }[] = [];
  const index = imp.resource === "contacts" ? null : await loadCompanies(scope, rows);
  const members = await memberIdsByEmail(scope, rows);
  // A lead on a company this batch creates is scored here from the row (no interactions yet),
  // instead of inserting it unscored and updating every lead again.
  const weights = imp.resource === "leads" ? await loadScoringWeights(scope) : null;
  // The plan's monthly lead limit: rows that would create a lead beyond it are rejected with
  // the limit named; the rest of the file still imports. The counter stays locked until commit.
  const leadAllowance = imp.resource === "leads" ? await lockedAllowance(scope, "leads") : null;
  const now = new Date();
  const seenEmails = new Set<string>();

  const newContact = (v: ImportRow, companyId: string | null) => {
    if (!v.contactFirstName && !v.contactLastName && !v.contactEmail) return null;
    const id = uuidv7();
    const first = v.contactFirstName ?? v.contactLastName ?? v.contactEmail!.split("@")[0]!;
    const last = v.contactFirstName ? (v.contactLastName ?? "") : "";
    contacts.push({ id, first_name: first, last_name: last, full_name: `${first} ${last}`.trim(), email: v.contactEmail, phone: v.contactPhone, title: v.contactTitle, type: v.contactType ?? "client" });
    if (companyId) links.push({ company_id: companyId, contact_id: id });
    return id;
  };
  // Rows this batch will insert, by id: a later row of the same batch that matches them in
  // "update" mode changes them here, since they are not in the database yet.
  const pendingCompanies = new Map<string, Record<string, unknown>>();
  const pendingLeads = new Map<string, Record<string, unknown>>();
  const newCompany = (v: ImportRow, k: ReturnType<typeof companyKeys>) => {
    const id = uuidv7();
    const row = {
      id, name: v.companyName!, website: v.website, domain: k.domain, email: k.email, phone: k.phone, industry: v.industry,
      employee_count: v.employeeCount, annual_revenue: v.annualRevenue, city: v.city, state: v.state, country: v.country,
      external_id: v.externalId, lifecycle: v.lifecycle ?? "prospect", tier: v.tier ?? "standard",
    };
    companies.push(row);
    pendingCompanies.set(id, row);
    const match: CompanyMatch = { id, name: v.companyName!, domain: k.domain, email: k.email, phone: k.phone, lead_id: null };
    index!.add(match);
    return match;
  };
  const newLead = (r: BatchRow, companyId: string, contactId: string | null, assignedTo: string | null, scoreNow = false) => {
    const id = uuidv7();
    const v = r.values;
    const scored = scoreNow && weights ? computeLeadScore({
      industry: v.industry ?? null, employeeCount: v.employeeCount ?? null, annualRevenue: v.annualRevenue == null ? null : Number(v.annualRevenue),
      yearsInBusiness: null, googleRating: null, googleReviewsCount: null, interactionCount: 0, inboundCount: 0, lastInteractionAt: null,
    }, weights, now) : null;
    const row = { id, company_id: companyId, contact_id: contactId, source: v.source ?? "import", nurture_status: v.nurtureStatus ?? "new", assigned_to: assignedTo ?? scope.userId, note: v.notes ?? `${imp.fileName}, row ${r.rowNumber}`, score: scored?.score ?? 0, breakdown: scored };
    leads.push(row);
    pendingLeads.set(id, row);
    leadTags.push({ leadId: id, names: splitTags(v.tags) });
    const extra = Object.fromEntries(imp.unmappedColumns.map((c) => [c, r.raw[c] ?? ""]).filter(([, x]) => x));
    if (Object.keys(extra).length) enrichments.push({ leadId: id, data: extra });
    if (!scored) touchedLeads.push(id);
    return id;
  };

  for (const r of rows) {
    const v = r.values;
    const assignedTo = v.assignedTo ? members.get(v.assignedTo) : null;
    if (v.assignedTo && !assignedTo) { reject(r, `Assigned to: no member with email ${v.assignedTo}`); continue; }

    if (imp.resource === "contacts") {
      // Contacts are matched by email, then phone, then name; their company by name or domain.
      const emailKey = lower(v.contactEmail);
      const seenInFile = emailKey ? seenEmails.has(emailKey) : false;
      if (emailKey) seenEmails.add(emailKey);
      const dupe = seenInFile ? null : await findContact(scope, v);
      if (seenInFile && imp.duplicateStrategy !== "create") { out.skipped++; continue; }
      let companyId: string | null = null;
      if (v.companyName) {
        companyId = await findCompanyId(scope, v.companyName);
        if (!companyId) { reject(r, `Company: no company named or with the domain “${v.companyName}”`); continue; }
      }
      if (dupe && imp.duplicateStrategy === "skip") { out.skipped++; continue; }
      if (dupe && imp.duplicateStrategy === "update") {
        const changes = Object.fromEntries(Object.entries({ email: v.contactEmail, phone: v.contactPhone, title: v.contactTitle, type: v.contactType }).filter(([, x]) => x != null));
        updates.push({ type: "contact", id: dupe.id, previous: pickPrevious(dupe, Object.keys(changes)) });
        await scope.tx.contact.update({ where: { organizationId_id: { organizationId: scope.orgId, id: dupe.id } }, data: changes });
        if (companyId) await scope.tx.companyContact.createMany({ data: [{ organizationId: scope.orgId, companyId, contactId: dupe.id }], skipDuplicates: true });
        out.updated++;
        continue;
      }
      newContact(v, companyId);
      out.created++;
      continue;
    }

    const k = companyKeys(v);
    const match = index!.find(k);
    if (match && imp.duplicateStrategy === "skip") { out.skipped++; continue; }
    const createsLead = imp.resource === "leads" && !(match && imp.duplicateStrategy === "update" && match.lead_id);
    if (createsLead && leadAllowance && leads.size >= leadAllowance.remaining) { reject(r, `Lead limit reached. ${leadAllowance.message}`); continue; }
    if (match && imp.duplicateStrategy === "update") {
      const changes = companyChanges(v);
      const pending = pendingCompanies.get(match.id);
      if (Object.keys(changes).length) {
        const taken = index!.collision(k, match.id);
        if (taken) { reject(r, taken); continue; }
        if (pending) {
          for (const [field, value] of Object.entries(changes)) pending[snakeCase(field)] = value;
          if (k.domain) pending.domain = k.domain;
          // Its lead was scored from the earlier row's facts: score it again once inserted.
          const lead = match.lead_id ? pendingLeads.get(match.lead_id) : undefined;
          if (lead?.breakdown) { lead.breakdown = null; lead.score = 0; touchedLeads.push(match.lead_id!); }
        } else {
          const before = await scope.tx.company.findUnique({ where: { organizationId_id: { organizationId: scope.orgId, id: match.id } } });
          if (before) {
            updates.push({ type: "company", id: match.id, previous: pickPrevious(before, Object.keys(changes)) });
            await scope.tx.company.update({ where: { organizationId_id: { organizationId: scope.orgId, id: match.id } }, data: { ...changes, domain: k.domain ?? before.domain } });
          }
        }
      }
      if (imp.resource === "leads") {
        const pendingLead = match.lead_id ? pendingLeads.get(match.lead_id) : undefined;
        if (pendingLead) {
          if (v.source) pendingLead.source = v.source;
          if (v.nurtureStatus) pendingLead.nurture_status = v.nurtureStatus;
          if (assignedTo) pendingLead.assigned_to = assignedTo;
        } else if (match.lead_id) {
          const lead = await scope.tx.lead.findUnique({ where: { organizationId_id: { organizationId: scope.orgId, id: match.lead_id } }, select: { source: true, nurtureStatus: true, assignedTo: true } });
          const leadChanges = Object.fromEntries(Object.entries({ source: v.source, nurtureStatus: v.nurtureStatus, assignedTo }).filter(([, x]) => x != null));
          if (lead && Object.keys(leadChanges).length) {
            updates.push({ type: "lead", id: match.lead_id, previous: pickPrevious(lead, Object.keys(leadChanges)) });
            await scope.tx.lead.update({ where: { organizationId_id: { organizationId: scope.orgId, id: match.lead_id } }, data: leadChanges });
          }
          touchedLeads.push(match.lead_id);
        } else {
          match.lead_id = newLead(r, match.id, newContact(v, match.id), assignedTo ?? null);
        }
      }
      out.updated++;
      continue;
    }
    const collision = index!.collision(k);
    if (collision) { reject(r, collision); continue; }
    const company = newCompany(v, k);
    if (imp.resource === "leads") company.lead_id = newLead(r, company.id, newContact(v, company.id), assignedTo ?? null, true);
    out.created++;
  }

  await insertAll(scope, imp, { companies, contacts, links, leads, leadTags, updates, enrichments });
  if (leads.size) await addUsage(scope, "leads", leads.size);
  if (touchedLeads.length) await rescoreLeads(scope, touchedLeads);
  return out;
}

function pickPrevious(row: object, keys: string[]) {
  const r = row as Record<string, unknown>;
  return Object.fromEntries(keys.map((key) => [key, r[key] instanceof Object && "toFixed" in (r[key] as object) ? String(r[key]) : (r[key] ?? null)]));
}

async function findContact(scope: OrgScope, v: ImportRow) {
  const select = { id: true, email: true, phone: true, title: true, type: true } as const;
  if (v.contactEmail) {
    const hit = await scope.tx.contact.findFirst({ where: { email: { equals: literalEquals(v.contactEmail), mode: "insensitive" } }, select });
    if (hit) return hit;
  }
  if (v.contactPhone) {
    const hit = await scope.tx.contact.findFirst({ where: { phone: v.contactPhone }, select });
    if (hit) return hit;
  }
  const fullName = `${v.contactFirstName ?? ""} ${v.contactLastName ?? ""}`.trim();
  return fullName ? scope.tx.contact.findFirst({ where: { fullName: { equals: literalEquals(fullName), mode: "insensitive" } }, select }) : null;
}

async function findCompanyId(scope: OrgScope, nameOrDomain: string): Promise<string | null> {
  const hit = await scope.tx.company.findFirst({
    where: { OR: [{ name: { equals: literalEquals(nameOrDomain), mode: "insensitive" } }, { domain: nameOrDomain.toLowerCase().replace(/^https?:\/\//, "").replace(/^www\./, "").replace(/\/.*$/, "") }] },
    select: { id: true },
  });
  return hit?.id ?? null;
}

async function insertAll(scope: OrgScope, imp: BatchImport, b: {
  companies: Columns<(typeof COMPANY_COLS)[number]>; contacts: Columns<(typeof CONTACT_COLS)[number]>; links: { company_id: string; contact_id: string }[];
  leads: Columns<(typeof LEAD_COLS)[number]>; leadTags: { leadId: string; names: string[] }[]; updates: Update[];
  enrichments: { leadId: string; data: Record<string, string> }[];
}) {
  const org = scope.orgId;
  const me = scope.userId;
  if (b.companies.size) {
    await scope.tx.$executeRaw`
      INSERT INTO companies (id, organization_id, name, website, domain, email, phone, industry, employee_count, annual_revenue, city, state, country, external_id, lifecycle, tier, owner_id, created_by, import_id)
      SELECT u.id, ${org}::uuid, u.name, u.website, u.domain, u.email, u.phone, u.industry, u.employee_count, u.annual_revenue, u.city, u.state, u.country, u.external_id,
             u.lifecycle::company_lifecycle, u.tier::company_tier, ${me}::uuid, ${me}::uuid, ${imp.id}::uuid
      FROM json_to_recordset(${b.companies.json()}::json) AS u(id uuid, name text, website text, domain text, email text, phone text, industry text,
        employee_count int, annual_revenue numeric, city text, state text, country text, external_id text, lifecycle text, tier text)`;
  }
  if (b.contacts.size) {
    await scope.tx.$executeRaw`
      INSERT INTO contacts (id, organization_id, first_name, last_name, full_name, email, phone, title, type, owner_id, created_by, import_id)
      SELECT u.id, ${org}::uuid, u.first_name, u.last_name, u.full_name, u.email, u.phone, u.title, u.type::contact_type, ${me}::uuid, ${me}::uuid, ${imp.id}::uuid
      FROM json_to_recordset(${b.contacts.json()}::json) AS u(id uuid, first_name text, last_name text, full_name text, email text, phone text, title text, type text)`;
  }
  if (b.links.length) {
    await scope.tx.$executeRaw`
      INSERT INTO company_contacts (organization_id, company_id, contact_id, is_primary)
      SELECT ${org}::uuid, u.company_id, u.contact_id, true FROM json_to_recordset(${JSON.stringify(b.links)}::json) AS u(company_id uuid, contact_id uuid)
      ON CONFLICT DO NOTHING`;
  }
  if (b.leads.size) {
    await scope.tx.$executeRaw`
      INSERT INTO leads (id, organization_id, company_id, contact_id, source, nurture_status, assigned_to, assigned_at, source_details, created_by, import_id, lead_score, score_breakdown, scored_at)
      SELECT u.id, ${org}::uuid, u.company_id, u.contact_id, u.source::lead_source, u.nurture_status::nurture_status, u.assigned_to, now(),
             jsonb_build_object('note', u.note), ${me}::uuid, ${imp.id}::uuid, u.score, coalesce(u.breakdown, '{}'), CASE WHEN u.breakdown IS NOT NULL THEN now() END
      FROM json_to_recordset(${b.leads.json()}::json)
        AS u(id uuid, company_id uuid, contact_id uuid, source text, nurture_status text, assigned_to uuid, note text, score int, breakdown jsonb)`;
    const tagged = b.leadTags.filter((t) => t.names.length);
    if (tagged.length) {
      const names = [...new Set(tagged.flatMap((t) => t.names))];
      await scope.tx.$executeRaw`INSERT INTO tags (organization_id, name) SELECT ${org}::uuid, n FROM unnest(${names}::text[]) AS n ON CONFLICT DO NOTHING`;
      const pairs = tagged.flatMap((t) => t.names.map((name) => ({ lead_id: t.leadId, name })));
      await scope.tx.$executeRaw`
        INSERT INTO lead_tags (organization_id, lead_id, tag_id)
        SELECT ${org}::uuid, p.lead_id, t.id FROM json_to_recordset(${JSON.stringify(pairs)}::json) AS p(lead_id uuid, name text)
        JOIN tags t ON t.name = p.name ON CONFLICT DO NOTHING`;
    }
  }
  if (b.enrichments.length) {
    await scope.tx.$executeRaw`
      INSERT INTO lead_enrichments (organization_id, lead_id, source, data)
      SELECT ${org}::uuid, u.lead_id, ${`CSV import: ${imp.fileName}`.slice(0, 100)}, u.data
      FROM json_to_recordset(${JSON.stringify(b.enrichments.map((e) => ({ lead_id: e.leadId, data: e.data })))}::json) AS u(lead_id uuid, data jsonb)`;
  }
  if (b.updates.length) {
    await scope.tx.$executeRaw`
      INSERT INTO import_records (organization_id, import_id, record_type, record_id, action, previous)
      SELECT ${org}::uuid, ${imp.id}::uuid, u.type, u.id, 'updated', u.previous
      FROM json_to_recordset(${JSON.stringify(b.updates)}::json) AS u(type text, id uuid, previous jsonb)`;
  }
}

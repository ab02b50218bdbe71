// The import benchmark's data: a leads CSV as people export them from spreadsheets and other
// CRMs (quoted commas, stray spaces, mixed-case enums, a few multi-line notes, accented names),
// with about 1% of rows the import must reject and about 2% repeating an earlier company, plus
// what the import should make of it, worked out here independently of the app's code.
// Deterministic: the same seed writes the same file.
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import type pg from "pg";

export const HEADER = ["Company", "Website", "Industry", "Employees", "Revenue", "City", "Country", "First name", "Last name", "Email", "Phone", "Title", "Source", "Nurture", "Owner", "Tags", "Notes"] as const;

/** Why a messy row is refused: the start of the reason the import should record (it names the field). */
const MESSY_KINDS = [
  { kind: "no company", reason: "Company name is required" },
  { kind: "bad email", reason: "Contact email" },
  { kind: "employees as words", reason: "Employees" },
  { kind: "revenue with a unit", reason: "Annual revenue" },
  { kind: "unknown source", reason: "Lead source" },
  { kind: "unknown nurture", reason: "Nurture status" },
  { kind: "phone in words", reason: "Contact phone" },
  { kind: "owner not a member", reason: "Assigned to: no member with email" },
] as const;

export interface Expected {
  rows: number;
  bytes: number;
  /** Row number (the header is row 1) → the start of the reason it must be rejected with. */
  rejects: Map<number, string>;
  /** Row numbers that repeat an earlier company and are skipped. */
  duplicates: Set<number>;
  created: number;
  contacts: number;
  leadTags: number;
  tags: number;
  /** Names and domains of the first companies, for noise organizations to share. */
  sample: { name: string; domain: string }[];
}

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PREFIXES = ["Acme", "Apex", "Blue", "Bright", "Cedar", "Clear", "Copper", "Crown", "Delta", "Eagle", "Echo", "Elm", "Ember", "First", "Fox", "Golden", "Granite", "Green", "Harbor", "Hill",
  "Iron", "Ivy", "Jade", "Juniper", "Keystone", "Lake", "Lantern", "Liberty", "Lumen", "Maple", "Meadow", "Metro", "Monarch", "North", "Oak", "Ocean", "Orbit", "Pacific", "Pine", "Pioneer",
  "Prime", "Quantum", "Quarry", "Red", "Ridge", "River", "Rock", "Sable", "Sage", "Silver", "Skyline", "Spring", "Star", "Stone", "Summit", "Sun", "Tide", "Union", "Vertex", "West"];
const CORES = ["Arrow", "Bay", "Bridge", "Brook", "Canyon", "Cliff", "Coast", "Creek", "Crest", "Dale", "Field", "Fjord", "Forge", "Gate", "Glen", "Grove", "Haven", "Heath", "Hollow", "Isle",
  "Key", "Knoll", "Landing", "Ledge", "Light", "Line", "Marsh", "Mesa", "Mill", "Moor", "Park", "Pass", "Path", "Peak", "Point", "Port", "Reach", "Reef", "Run", "Shore",
  "Side", "Spur", "Stead", "Stream", "Vale", "View", "Wall", "Ward", "Water", "Way", "Well", "Wharf", "Wick", "Wind", "Wood", "Works", "Yard", "Zenith", "Ford", "Cove"];
const KINDS = ["Logistics", "Dental", "Bakery", "Software", "Plumbing", "Roofing", "Analytics", "Consulting", "Fitness", "Legal", "Marketing", "Media", "Motors", "Optics", "Pharma",
  "Printing", "Realty", "Robotics", "Solar", "Studios", "Supply", "Systems", "Textiles", "Travel", "Ventures", "Veterinary", "Cafe", "Clinic", "Foods", "Freight"];
const SUFFIXES = ["", "", "", "Inc", "LLC", "Ltd", "GmbH", "Group", "& Co", ", Inc.", "Partners", "Co."];
const INDUSTRIES = ["Logistics", "Healthcare", "Food & Beverage", "Software", "Construction", "Professional Services", "Retail", "Manufacturing", "Media", "Real Estate", "Energy", "Travel"];
const CITIES: [string, string][] = [["Austin", "US"], ["Denver", "US"], ["Boston", "US"], ["Toronto", "Canada"], ["London", "United Kingdom"], ["Berlin", "Germany"], ["München", "Germany"],
  ["Lyon", "France"], ["Kraków", "Poland"], ["São Paulo", "Brazil"], ["Dublin", "Ireland"], ["Malmö", "Sweden"]];
const FIRST = ["Ana", "Ben", "Chloé", "Dev", "Eve", "Fay", "Gia", "Hugo", "Ines", "José", "Kai", "Lena", "Łukasz", "Mia", "Noah", "Olu", "Priya", "Quinn", "Rosa", "Søren", "Tara", "Uma",
  "Vik", "Wen", "Xavier", "Yara", "Zoë", "Liam", "Emma", "Omar"];
const LAST = ["Diaz", "Ng", "Lee", "Fox", "Okafor", "Smith", "Müller", "O'Brien", "García", "Nowak", "Kim", "Patel", "Rossi", "Dubois", "Silva", "Jensen", "Cohen", "Ivanova", "Tanaka", "Brown"];
const TITLES = ["CEO", "Owner", "Office Manager", "Head of Operations", "VP Sales", "Procurement Lead", "CTO", "Practice Manager"];
const SOURCES = ["Website", "referral", "Cold Call", "email-campaign", "Social Media", "TRADE SHOW", "partner", "Advertising", "", ""];
const NURTURE = ["Hot", "warm", "COLD", "new", "", ""];
const TAGS = ["Enterprise", "SMB", "Q1 target", "Q2 target", "newsletter", "EMEA", "NA", "APAC", "Partner", "Upsell", "Webinar", "Trial", "VIP", "Churn risk", "Inbound", "Outbound"];
const CAMPAIGNS = ["Spring webinar 2026", "Trade show Berlin", "Partner referral programme", "Cold outreach wave 3"];

const ascii = (s: string) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/ł/g, "l").replace(/Ł/g, "L").replace(/ø/g, "o").replace(/ß/g, "ss").replace(/[^A-Za-z0-9]/g, "").toLowerCase();

/** RFC 4180 quoting: only where needed, as spreadsheets write it. */
const csvField = (s: string) => (/[",\n\r]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** How the import splits a tags cell: the same rule, written out again so the check is independent. */
const tagNames = (cell: string) => [...new Set(cell.split(/[;,|]/).map((t) => t.trim()).filter(Boolean).map((t) => t.slice(0, 50)))];

interface Original { name: string; domain: string | null; website: string }

/**
 * Writes `rows` data rows to `file`. `owners` are the organization's members' emails (the Owner
 * column uses them in mixed case); `nobody` is an email that belongs to no member.
 */
export async function writeLeadsCsv(file: string, rows: number, owners: string[], seed = 20261124): Promise<Expected> {
  const rand = mulberry32(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const out = createWriteStream(file, { highWaterMark: 1 << 20 });
  let bytes = 0;
  let buffer = "";
  const write = async (line: string) => {
    buffer += line;
    if (buffer.length > 1 << 19) {
      bytes += Buffer.byteLength(buffer);
      if (!out.write(buffer)) await once(out, "drain");
      buffer = "";
    }
  };
  await write(HEADER.join(",") + "\n");

  // Each row's company is one of PREFIXES × CORES × KINDS (108,000), visited in a scrambled
  // order with no repeats, so names and domains are unique except where a row is a duplicate.
  const combos = PREFIXES.length * CORES.length * KINDS.length;
  if (rows > combos) throw new Error(`at most ${combos} rows`);
  const stride = 48_611; // prime, coprime with `combos`
  const expected: Expected = { rows, bytes: 0, rejects: new Map(), duplicates: new Set(), created: 0, contacts: 0, leadTags: 0, tags: 0, sample: [] };
  const originals: Original[] = [];
  const tagSet = new Set<string>();

  for (let i = 0; i < rows; i++) {
    const rowNumber = i + 2;
    const combo = (i * stride + 7) % combos;
    const prefix = PREFIXES[combo % PREFIXES.length]!;
    const core = CORES[Math.floor(combo / PREFIXES.length) % CORES.length]!;
    const kind = KINDS[Math.floor(combo / (PREFIXES.length * CORES.length))]!;
    const suffix = pick(SUFFIXES);
    let name = `${prefix}${core} ${kind}${suffix ? (suffix.startsWith(",") ? suffix : ` ${suffix}`) : ""}`;
    const domain = `${prefix}${core}-${kind}`.toLowerCase() + pick([".com", ".com", ".io", ".co", ".net"]);
    const w = rand();
    let website = w < 0.05 ? "" : w < 0.08 ? `https://www.${domain}` : w < 0.1 ? `http://${domain}/contact` : domain;
    const [city, country] = pick(CITIES);
    const hasContact = rand() >= 0.03;
    const first = hasContact ? pick(FIRST) : "";
    const last = hasContact ? pick(LAST) : "";
    const mailDomain = website ? domain : pick(["gmail.example", "outlook.example", "proton.example"]);
    let email = hasContact ? `${ascii(first)}.${ascii(last)}${i % 997}@${mailDomain}` : "";
    if (hasContact && rand() < 0.1) email = email[0]!.toUpperCase() + email.slice(1);
    const p = rand();
    let phone = p < 0.2 ? "" : p < 0.6 ? `+1 555 ${String(i % 10000).padStart(4, "0")}` : p < 0.85 ? `(555) 010-${String(i % 10000).padStart(4, "0")}` : `555.010.${String(i % 10000).padStart(4, "0")} x${i % 90 + 10}`;
    const e = rand();
    let employees = e < 0.25 ? "" : e < 0.3 ? ` ${1 + (i % 40)} ` : String(1 + Math.floor(rand() * rand() * 5000));
    const r = rand();
    let revenue = r < 0.4 ? "" : r < 0.6 ? (250_000 + (i % 400) * 12_500).toLocaleString("en-US") : r < 0.65 ? `${(i % 9000) + 100}.50` : String(100_000 + Math.floor(rand() * 9_000_000));
    let source = pick(SOURCES);
    let nurture = pick(NURTURE);
    let owner = rand() < 0.6 ? pick(owners) : "";
    if (owner && rand() < 0.3) owner = owner.toUpperCase();
    const t = rand();
    const tags = t < 0.45 ? "" : t < 0.75 ? pick(TAGS) : t < 0.9 ? `${pick(TAGS)};${pick(TAGS)}` : `${pick(TAGS)}, ${pick(TAGS)} | ${pick(TAGS)}`;
    const n = rand();
    const notes = n < 0.7 ? "" : n < 0.98 ? pick(CAMPAIGNS) : `Met at the booth.\nAsked for pricing, call back in ${1 + (i % 9)} weeks`;

    // About 2% repeat an earlier company: exactly, by domain under another name, or by name in
    // other case without a website. Most originals are in an earlier batch (found in the
    // database), some a few rows back (found in the batch being built).
    const kindRoll = rand();
    if (originals.length > 100 && kindRoll < 0.02) {
      const near = rand() < 0.3;
      const o = near ? originals[originals.length - 1 - Math.floor(rand() * Math.min(300, originals.length))]! : originals[Math.floor(rand() * originals.length)]!;
      const how = rand();
      if (how < 0.4) {
        name = o.name;
        website = o.website;
      } else if (how < 0.7 && o.domain) {
        name = `${o.name.replace(/,? ?(Inc\.?|LLC|Ltd|GmbH|Group|& Co|Partners|Co\.)$/, "")} Holdings`;
        website = `https://www.${o.domain}/`;
      } else {
        name = rand() < 0.5 ? o.name.toUpperCase() : ` ${o.name.toLowerCase()} `;
        website = "";
      }
      expected.duplicates.add(rowNumber);
    } else if (originals.length > 100 && kindRoll < 0.03) {
      // About 1% are refused, each for one reason.
      const m = MESSY_KINDS[Math.floor(rand() * MESSY_KINDS.length)]!;
      switch (m.kind) {
        case "no company": name = ""; break;
        case "bad email": email = hasContact ? email.replace("@", " at ") : "someone(at)example"; break;
        case "employees as words": employees = pick(["many", "50-100", "approx. 20"]); break;
        case "revenue with a unit": revenue = pick(["$1.2M", "lots", "2 million"]); break;
        case "unknown source": source = pick(["Carrier Pigeon", "Billboard", "Word of mouth"]); break;
        case "unknown nurture": nurture = pick(["lukewarm", "Tepid", "on fire"]); break;
        case "phone in words": phone = "call the front desk"; break;
        case "owner not a member": owner = `nobody${i}@nowhere.example`; break;
      }
      expected.rejects.set(rowNumber, m.reason);
    } else {
      originals.push({ name, domain: website ? domain : null, website });
      expected.created++;
      if (hasContact) expected.contacts++;
      const names = tagNames(tags);
      expected.leadTags += names.length;
      for (const tag of names) tagSet.add(tag);
      if (expected.sample.length < 3000) expected.sample.push({ name, domain });
    }
    await write([name, website, pick(INDUSTRIES), employees, revenue, city, country, first, last, email, phone, hasContact && rand() < 0.6 ? pick(TITLES) : "", source, nurture, owner, tags, notes]
      .map(csvField).join(",") + "\n");
  }
  bytes += Buffer.byteLength(buffer);
  out.end(buffer);
  await once(out, "finish");
  expected.bytes = bytes;
  expected.tags = tagSet.size;
  return expected;
}

/**
 * Fills each noise organization, as the owner, with what a working CRM holds: companies named
 * like the file's first rows (an import that looked for duplicates across organizations would
 * skip rows), each with a contact, a lead, tags, timeline events and a few interactions. Every
 * table the import writes or reads then has rows and statistics, as in production. (Analysed
 * while empty, contacts got a foreign-key check plan that scans the organization's phone index
 * for every row, which no production database would show.)
 */
export async function seedNoise(owner: pg.Pool, orgs: { id: string; userId: string }[], sample: { name: string; domain: string }[]): Promise<void> {
  for (const org of orgs) {
    await owner.query(
      `WITH s AS (
         SELECT s.name, s.domain, s.n, uuid_v7() AS company_id, uuid_v7() AS contact_id, uuid_v7() AS lead_id
         FROM unnest($3::text[], $4::text[]) WITH ORDINALITY AS s(name, domain, n)),
       co AS (
         INSERT INTO companies (id, organization_id, name, website, domain, employee_count, owner_id, created_by)
         SELECT company_id, $1, name, 'https://' || domain, domain, 5 + n % 500, $2, $2 FROM s),
       ct AS (
         INSERT INTO contacts (id, organization_id, first_name, last_name, full_name, email, phone, owner_id, created_by)
         SELECT contact_id, $1, 'Pat', 'Noise ' || n, 'Pat Noise ' || n, 'pat' || n || '@' || domain, '+1 555 ' || lpad((n % 10000)::text, 4, '0'), $2, $2 FROM s),
       cc AS (
         INSERT INTO company_contacts (organization_id, company_id, contact_id, is_primary) SELECT $1, company_id, contact_id, true FROM s),
       ld AS (
         INSERT INTO leads (id, organization_id, company_id, contact_id, source, assigned_to, created_by, lead_score, scored_at)
         SELECT lead_id, $1, company_id, contact_id, 'website', $2, $2, n % 100, now() FROM s),
       te AS (
         INSERT INTO timeline_events (organization_id, subject_type, subject_id, event_type, title, actor_id)
         SELECT $1, t.type, t.id, 'created', 'Created', $2 FROM s CROSS JOIN LATERAL (VALUES ('company', s.company_id), ('lead', s.lead_id)) AS t(type, id))
       INSERT INTO interactions (organization_id, lead_id, contact_id, type, direction, subject, initiated_by, completed_at, occurred_at)
       SELECT $1, lead_id, contact_id, 'call', CASE WHEN k = 1 THEN 'inbound' ELSE 'outbound' END::interaction_direction, 'Intro call', $2,
              CASE WHEN k < 3 THEN now() - k * interval '3 days' END, now() - k * interval '3 days'
       FROM s CROSS JOIN generate_series(1, 3) k`,
      [org.id, org.userId, sample.map((s) => s.name), sample.map((s) => s.domain)],
    );
    await owner.query(`INSERT INTO tags (organization_id, name) SELECT $1, t FROM unnest($2::text[]) t`, [org.id, ["Enterprise", "SMB", "EMEA", "Partner", "Webinar"]]);
    await owner.query(
      `INSERT INTO lead_tags (organization_id, lead_id, tag_id)
       SELECT l.organization_id, l.id, t.id FROM leads l JOIN tags t ON t.organization_id = l.organization_id
       WHERE l.organization_id = $1 AND (hashtext(l.id::text || t.name) & 3) = 0`,
      [org.id],
    );
  }
}

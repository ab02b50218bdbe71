// What each kind of import can fill, how its columns are recognised, and how one CSV row
// becomes validated values (or a reason it cannot be imported).
import { z } from "zod";
import { CONTACT_TYPES } from "@/features/contacts/contacts.schema";
import { COMPANY_LIFECYCLES, COMPANY_TIERS } from "@/features/companies/companies.schema";
import { LEAD_SOURCES, NURTURE_STATUSES } from "@/features/leads/leads.schema";
import { optionalCount, optionalEmail, optionalMoney, optionalPhone, optionalText, optionalUrl } from "@/lib/form-fields";

export const IMPORT_RESOURCES = ["leads", "companies", "contacts"] as const;
export type ImportResource = (typeof IMPORT_RESOURCES)[number];

interface FieldDef { key: string; label: string; required?: boolean; aliases: string[] }

const COMPANY_FIELDS: FieldDef[] = [
  { key: "companyName", label: "Company name", required: true, aliases: ["company", "company name", "account", "account name", "organization", "business", "name"] },
  { key: "website", label: "Website", aliases: ["website", "url", "web", "domain", "site"] },
  { key: "companyEmail", label: "Company email", aliases: ["company email", "email", "e-mail"] },
  { key: "companyPhone", label: "Company phone", aliases: ["company phone", "phone", "telephone", "tel"] },
  { key: "industry", label: "Industry", aliases: ["industry", "sector", "vertical"] },
  { key: "employeeCount", label: "Employees", aliases: ["employees", "employee count", "headcount", "size", "company size"] },
  { key: "annualRevenue", label: "Annual revenue", aliases: ["annual revenue", "revenue", "arr"] },
  { key: "city", label: "City", aliases: ["city", "town"] },
  { key: "country", label: "Country", aliases: ["country"] },
];

const CONTACT_FIELDS: FieldDef[] = [
  { key: "contactFirstName", label: "Contact first name", aliases: ["first name", "firstname", "contact first name", "given name"] },
  { key: "contactLastName", label: "Contact last name", aliases: ["last name", "lastname", "surname", "contact last name", "family name"] },
  { key: "contactEmail", label: "Contact email", aliases: ["contact email", "person email", "work email"] },
  { key: "contactPhone", label: "Contact phone", aliases: ["contact phone", "mobile", "cell", "direct phone"] },
  { key: "contactTitle", label: "Contact title", aliases: ["title", "job title", "position", "contact title"] },
];

// In a lead file a bare "Email" or "Phone" beside a person's name is the person's.
const PERSONAL = new Set(["email", "e-mail", "phone", "telephone", "tel"]);
const LEAD_COMPANY_FIELDS = COMPANY_FIELDS.map((f) => (f.key === "companyEmail" || f.key === "companyPhone" ? { ...f, aliases: f.aliases.filter((a) => !PERSONAL.has(a)) } : f));
const LEAD_CONTACT_FIELDS = CONTACT_FIELDS.map((f) => (f.key === "contactEmail" ? { ...f, aliases: [...f.aliases, "email", "e-mail"] } : f.key === "contactPhone" ? { ...f, aliases: [...f.aliases, "phone", "telephone", "tel"] } : f));

export const IMPORT_FIELDS: Record<ImportResource, FieldDef[]> = {
  leads: [
    ...LEAD_COMPANY_FIELDS, ...LEAD_CONTACT_FIELDS,
    { key: "source", label: "Lead source", aliases: ["source", "lead source", "channel"] },
    { key: "nurtureStatus", label: "Nurture status", aliases: ["nurture", "nurture status", "temperature", "rating"] },
    { key: "assignedTo", label: "Assigned to (member email)", aliases: ["owner", "assigned to", "assignee", "rep", "owner email"] },
    { key: "tags", label: "Tags", aliases: ["tags", "labels", "tag"] },
    { key: "notes", label: "Source details", aliases: ["notes", "source details", "comment", "comments", "campaign"] },
  ],
  companies: [
    ...COMPANY_FIELDS,
    { key: "state", label: "State / region", aliases: ["state", "region", "province"] },
    { key: "externalId", label: "External id", aliases: ["external id", "id", "account id", "crm id"] },
    { key: "lifecycle", label: "Lifecycle", aliases: ["lifecycle", "stage", "type", "status"] },
    { key: "tier", label: "Tier", aliases: ["tier", "level"] },
  ],
  contacts: [
    { key: "contactFirstName", label: "First name", required: true, aliases: ["first name", "firstname", "given name", "name"] },
    { key: "contactLastName", label: "Last name", aliases: ["last name", "lastname", "surname", "family name"] },
    { key: "contactEmail", label: "Email", aliases: ["email", "e-mail", "work email"] },
    { key: "contactPhone", label: "Phone", aliases: ["phone", "mobile", "cell", "telephone"] },
    { key: "contactTitle", label: "Title", aliases: ["title", "job title", "position"] },
    { key: "contactType", label: "Type", aliases: ["type", "contact type"] },
    { key: "companyName", label: "Company (name or domain)", aliases: ["company", "company name", "account", "organization"] },
  ],
};

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();

/** Suggests a field for each header: exact label or alias matches, each field used once. */
export function suggestMapping(resource: ImportResource, headers: string[]): Record<string, string> {
  const mapping: Record<string, string> = {};
  const used = new Set<string>();
  for (const field of IMPORT_FIELDS[resource]) {
    const candidates = [norm(field.label), ...field.aliases.map(norm)];
    const header = headers.find((h) => !used.has(h) && candidates.includes(norm(h)));
    if (header) {
      mapping[field.key] = header;
      used.add(header);
    }
  }
  return mapping;
}

/** An enum value as people type it: "Cold Call", "cold-call" and "COLD_CALL" are cold_call. */
const looseEnum = <T extends string>(values: readonly T[], label: string) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() ? v.trim().toLowerCase().replace(/[\s-]+/g, "_") : undefined),
    z.enum(values, { message: `${label} must be one of: ${values.join(", ")}` }).optional());

export const importRowSchema = z.object({
  companyName: optionalText(255, "Company name"),
  website: optionalUrl,
  companyEmail: optionalEmail,
  companyPhone: optionalPhone,
  industry: optionalText(100, "Industry"),
  employeeCount: optionalCount("Employees"),
  annualRevenue: optionalMoney("Annual revenue"),
  city: optionalText(100, "City"),
  state: optionalText(100, "State"),
  country: optionalText(100, "Country"),
  externalId: optionalText(255, "External id"),
  lifecycle: looseEnum(COMPANY_LIFECYCLES, "Lifecycle"),
  tier: looseEnum(COMPANY_TIERS, "Tier"),
  contactFirstName: optionalText(100, "First name"),
  contactLastName: optionalText(100, "Last name"),
  contactEmail: optionalEmail,
  contactPhone: optionalPhone,
  contactTitle: optionalText(150, "Title"),
  contactType: looseEnum(CONTACT_TYPES, "Type"),
  source: looseEnum(LEAD_SOURCES, "Lead source"),
  nurtureStatus: looseEnum(NURTURE_STATUSES, "Nurture status"),
  assignedTo: optionalEmail,
  tags: optionalText(1000, "Tags"),
  notes: optionalText(500, "Source details"),
});
export type ImportRow = z.output<typeof importRowSchema>;

/** One CSV row (already mapped to field keys) → values, or the reason it is rejected. */
export function parseImportRow(resource: ImportResource, mapped: Record<string, string>): { values: ImportRow } | { error: string } {
  const result = importRowSchema.safeParse(mapped);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const field = IMPORT_FIELDS[resource].find((f) => f.key === issue.path[0]);
    const label = field?.label ?? String(issue.path[0]);
    // Most messages name their field already ("Employees must be a number"); the rest get it.
    return { error: issue.message.toLowerCase().startsWith(label.toLowerCase()) ? issue.message : `${label}: ${issue.message}` };
  }
  const required = IMPORT_FIELDS[resource].find((f) => f.required)!;
  if (!result.data[required.key as keyof ImportRow]) return { error: `${required.label} is required` };
  return { values: result.data };
}

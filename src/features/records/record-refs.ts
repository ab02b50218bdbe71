// What a row hanging off records (an interaction, a task) is on, for showing and linking:
// the four relations selected the same way, and named in one order (lead, deal, company,
// contact) so the most specific record comes first. A call on a lead is also on the lead's
// company; lists show the lead, detail pages show both.

/** The relations to select, by the names Interaction and Task both use. */
export const recordRefsSelect = {
  lead: { select: { id: true, company: { select: { name: true } } } },
  opportunity: { select: { id: true, name: true } },
  company: { select: { id: true, name: true } },
  contact: { select: { id: true, fullName: true } },
} as const;

export interface RecordRefSource {
  lead: { id: string; company: { name: string } } | null;
  opportunity: { id: string; name: string } | null;
  company: { id: string; name: string } | null;
  contact: { id: string; fullName: string } | null;
}

export interface RecordRef {
  /** Path under the organization, e.g. "leads/<id>". */
  href: string;
  kind: "Lead" | "Deal" | "Company" | "Contact";
  name: string;
}

/** Every record the row is on, most specific first. */
export function recordRefs(r: RecordRefSource): RecordRef[] {
  const refs: RecordRef[] = [];
  if (r.lead) refs.push({ href: `leads/${r.lead.id}`, kind: "Lead", name: r.lead.company.name });
  if (r.opportunity) refs.push({ href: `deals/${r.opportunity.id}`, kind: "Deal", name: r.opportunity.name });
  if (r.company) refs.push({ href: `companies/${r.company.id}`, kind: "Company", name: r.company.name });
  if (r.contact) refs.push({ href: `contacts/${r.contact.id}`, kind: "Contact", name: r.contact.fullName });
  return refs;
}

/** "Lead: Acme Logistics" for the most specific record, or "" for none. */
export function primaryRecordLabel(r: RecordRefSource): string {
  const first = recordRefs(r)[0];
  return first ? `${first.kind}: ${first.name}` : "";
}

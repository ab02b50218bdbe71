/** The record a task is on, as a path under the organization, its kind and its name. */
export function taskRecord(t: {
  lead: { id: string; company: { name: string } } | null;
  opportunity: { id: string; name: string } | null;
  company: { id: string; name: string } | null;
  contact: { id: string; fullName: string } | null;
}): { href: string; kind: string; name: string } | null {
  return t.lead ? { href: `leads/${t.lead.id}`, kind: "Lead", name: t.lead.company.name }
    : t.opportunity ? { href: `deals/${t.opportunity.id}`, kind: "Deal", name: t.opportunity.name }
    : t.company ? { href: `companies/${t.company.id}`, kind: "Company", name: t.company.name }
    : t.contact ? { href: `contacts/${t.contact.id}`, kind: "Contact", name: t.contact.fullName } : null;
}

/** "Lead: Acme Logistics", or "" for a task on no record. */
export function taskRecordLabel(t: Parameters<typeof taskRecord>[0]): string {
  const r = taskRecord(t);
  return r ? `${r.kind}: ${r.name}` : "";
}

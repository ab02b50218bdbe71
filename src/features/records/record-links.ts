// Interactions and tasks hang off any of four records. These helpers check that each linked
// id is one of this organization's records (otherwise "not found", exactly like a missing
// one) and name the links for the timeline.
import type { TimelineSubject } from "@/features/timeline/timeline.service";
import { AppError } from "@/server/api/errors";
import type { OrgScope } from "@/server/api/scope";

export interface RecordLinks {
  leadId?: string | null;
  contactId?: string | null;
  companyId?: string | null;
  opportunityId?: string | null;
}

export const RECORD_LINKS = [
  { field: "leadId", subject: "lead", label: "lead" },
  { field: "contactId", subject: "contact", label: "contact" },
  { field: "companyId", subject: "company", label: "company" },
  { field: "opportunityId", subject: "opportunity", label: "deal" },
] as const satisfies readonly { field: keyof RecordLinks; subject: TimelineSubject; label: string }[];

function countOf(scope: OrgScope, field: keyof RecordLinks, id: string): Promise<number> {
  switch (field) {
    case "leadId": return scope.tx.lead.count({ where: { id } });
    case "contactId": return scope.tx.contact.count({ where: { id } });
    case "companyId": return scope.tx.company.count({ where: { id } });
    case "opportunityId": return scope.tx.opportunity.count({ where: { id } });
  }
}

export async function assertRecordsExist(scope: OrgScope, links: RecordLinks): Promise<void> {
  for (const link of RECORD_LINKS) {
    const id = links[link.field];
    if (id && !(await countOf(scope, link.field, id))) throw new AppError("NOT_FOUND", `That ${link.label} does not exist`, link.field);
  }
}

/** The linked records as timeline subjects. */
export function linkedSubjects(links: RecordLinks): [TimelineSubject, string][] {
  return RECORD_LINKS.filter((l) => links[l.field]).map((l) => [l.subject, links[l.field]!]);
}

/** `OR` conditions matching rows linked to any of the given records. */
export function linkedTo(links: RecordLinks): Record<string, string>[] {
  return RECORD_LINKS.filter((l) => links[l.field]).map((l) => ({ [l.field]: links[l.field]! }));
}

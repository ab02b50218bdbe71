// Form state for the lead form: every field as the string an input holds; the picked company
// and the tags are JSON text so the whole draft survives a reload.
export type LeadFormValues = {
  company: string;
  companyName: string;
  contactId: string;
  status: string;
  source: string;
  sourceDetail: string;
  nurtureStatus: string;
  assignedTo: string;
  preferredContactMethod: string;
  bestCallTime: string;
  timezone: string;
  lostReason: string;
  tags: string;
};

export const EMPTY_LEAD: LeadFormValues = {
  company: "[]", companyName: "", contactId: "", status: "new", source: "other", sourceDetail: "", nurtureStatus: "new",
  assignedTo: "", preferredContactMethod: "", bestCallTime: "", timezone: "", lostReason: "", tags: "",
};

export function leadToFormValues(lead: {
  company: { id: string; name: string }; contactId: string | null; status: string; source: string; sourceDetails: unknown;
  nurtureStatus: string; assignedTo: string | null; preferredContactMethod: string | null; bestCallTime: string | null;
  timezone: string | null; lostReason: string | null; tags: { tag: { name: string } }[];
}): LeadFormValues {
  const note = (lead.sourceDetails as { note?: unknown } | null)?.note;
  return {
    company: JSON.stringify([{ id: lead.company.id, name: lead.company.name }]), companyName: "", contactId: lead.contactId ?? "",
    status: lead.status, source: lead.source, sourceDetail: typeof note === "string" ? note : "", nurtureStatus: lead.nurtureStatus,
    assignedTo: lead.assignedTo ?? "", preferredContactMethod: lead.preferredContactMethod ?? "", bestCallTime: lead.bestCallTime ?? "",
    timezone: lead.timezone ?? "", lostReason: lead.lostReason ?? "", tags: lead.tags.map((t) => t.tag.name).join(", "),
  };
}

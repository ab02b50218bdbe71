// Form state for the contact form: text fields as strings, linked companies as id + name.
export type ContactFormValues = {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  title: string;
  role: string;
  type: string;
  ownerId: string;
  companies: string;
};

/** Companies are kept as JSON text in the draft so the whole form survives a reload. */
export type { PickedCompany } from "@/features/companies/components/company-picker";

export const EMPTY_CONTACT: ContactFormValues = {
  firstName: "", lastName: "", email: "", phone: "", title: "", role: "", type: "client", ownerId: "", companies: "[]",
};

export function contactToFormValues(contact: {
  firstName: string; lastName: string; email: string | null; phone: string | null; title: string | null; role: string | null;
  type: string; ownerId: string | null; companyLinks: { company: { id: string; name: string } }[];
}): ContactFormValues {
  return {
    firstName: contact.firstName, lastName: contact.lastName, email: contact.email ?? "", phone: contact.phone ?? "",
    title: contact.title ?? "", role: contact.role ?? "", type: contact.type, ownerId: contact.ownerId ?? "",
    companies: JSON.stringify(contact.companyLinks.map((l) => ({ id: l.company.id, name: l.company.name }))),
  };
}

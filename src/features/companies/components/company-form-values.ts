// Form state for the company form: every field as the string its input holds.
export const EMPTY_COMPANY = {
  name: "", dbaName: "", businessType: "", lifecycle: "prospect", phase: "", tier: "standard", industry: "",
  phone: "", email: "", website: "", streetAddress: "", city: "", state: "", zipCode: "", country: "",
  employeeCount: "", yearsInBusiness: "", annualRevenue: "", currency: "USD", externalId: "",
  linkedinUrl: "", facebookUrl: "", instagramUrl: "", logoUrl: "",
  onboardedDate: "", contractStartDate: "", contractEndDate: "", ownerId: "", isActive: "yes",
};
export type CompanyFormValues = typeof EMPTY_COMPANY;


const asText = (value: unknown): string =>
  value === null || value === undefined ? "" : value instanceof Date ? value.toISOString().slice(0, 10) : String(value);

/** A stored company as the strings its edit form starts from. */
export function companyToFormValues(company: Record<string, unknown>): CompanyFormValues {
  const values = { ...EMPTY_COMPANY };
  for (const key of Object.keys(values) as (keyof CompanyFormValues)[]) {
    if (key === "isActive") values.isActive = company.isActive === false ? "no" : "yes";
    else values[key] = asText(company[key]);
  }
  return values;
}

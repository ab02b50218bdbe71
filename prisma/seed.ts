// The demo organization `npm start` creates on first run. Idempotent: does nothing when the
// demo organization exists already.
import { hashPassword } from "../src/server/auth/password";
import { createAccountWithOrganization, organizationSlugExists, seedMember } from "../src/server/db/system";

export const DEMO = {
  organizationName: "Demo",
  slug: "demo",
  email: "owner@demo.parley.test",
  password: "parley-demo-owner",
} as const;

const TEAM = [
  { firstName: "Ada", lastName: "Admin", email: "admin@demo.parley.test", role: "Admin", jobTitle: "Sales Operations Lead" },
  { firstName: "Marco", lastName: "Manager", email: "manager@demo.parley.test", role: "Manager", jobTitle: "Sales Manager" },
  { firstName: "Riya", lastName: "Rep", email: "rep@demo.parley.test", role: "Member", jobTitle: "Account Executive" },
  { firstName: "Sam", lastName: "Seller", email: "sam@demo.parley.test", role: "Member", jobTitle: "Sales Development Rep" },
  { firstName: "Vera", lastName: "Viewer", email: "viewer@demo.parley.test", role: "Viewer", jobTitle: "Finance Analyst" },
];

export async function seedDemo(): Promise<{ created: boolean }> {
  if (await organizationSlugExists(DEMO.slug)) return { created: false };
  const passwordHash = await hashPassword(DEMO.password);
  const noRequest = { ip: null, userAgent: "seed" };
  const { organizationSlug } = await createAccountWithOrganization(
    { email: DEMO.email, passwordHash, firstName: "Olivia", lastName: "Owner", organizationName: DEMO.organizationName },
    noRequest,
  );
  for (const person of TEAM) {
    await seedMember(organizationSlug, { email: person.email, passwordHash, firstName: person.firstName, lastName: person.lastName, jobTitle: person.jobTitle, department: "Sales" }, person.role);
  }
  return { created: true };
}

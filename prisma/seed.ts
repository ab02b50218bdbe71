// The demo organization `npm start` creates on first run. Idempotent: does nothing when the
// demo organization exists already.
import { companyFieldsSchema } from "../src/features/companies/companies.schema";
import { createCompany } from "../src/features/companies/companies.service";
import { createOrgScope } from "../src/server/api/scope";
import { hashPassword } from "../src/server/auth/password";
import { createAccountWithOrganization, findMembership, organizationSlugExists, seedMember } from "../src/server/db/system";
import { withOrg } from "../src/server/db/tenant";
import { demoCompanies } from "./seed/companies";

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

const DEMO_COMPANIES = 300;

export async function seedDemo(): Promise<{ created: boolean }> {
  if (await organizationSlugExists(DEMO.slug)) return { created: false };
  const passwordHash = await hashPassword(DEMO.password);
  const noRequest = { ip: null, userAgent: "seed" };
  const { organizationSlug, userId: ownerId } = await createAccountWithOrganization(
    { email: DEMO.email, passwordHash, firstName: "Olivia", lastName: "Owner", organizationName: DEMO.organizationName },
    noRequest,
  );
  const sellers = [ownerId];
  for (const person of TEAM) {
    const { userId } = await seedMember(
      organizationSlug,
      { email: person.email, passwordHash, firstName: person.firstName, lastName: person.lastName, jobTitle: person.jobTitle, department: "Sales" },
      person.role,
    );
    if (person.role === "Member" || person.role === "Manager") sellers.push(userId);
  }

  // Records go in through the same services the app uses, as the owner, in the app role.
  const membership = (await findMembership(ownerId, organizationSlug))!;
  await withOrg({ orgId: membership.organization.id, userId: ownerId }, async (tx) => {
    const scope = createOrgScope(tx, { orgId: membership.organization.id, userId: ownerId, meta: noRequest });
    for (const company of demoCompanies(DEMO_COMPANIES, sellers)) await createCompany(scope, companyFieldsSchema.parse(company));
  });
  return { created: true };
}

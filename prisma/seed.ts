// The demo organization `npm start` creates on first run. Idempotent: does nothing when the
// demo organization exists already.
import { getPlan, planColumns } from "../src/features/billing/plans";
import { unmetered } from "../src/features/billing/usage";
import { companyFieldsSchema } from "../src/features/companies/companies.schema";
import { createCompany } from "../src/features/companies/companies.service";
import { contactFieldsSchema } from "../src/features/contacts/contacts.schema";
import { createContact } from "../src/features/contacts/contacts.service";
import { type OrgScope, createOrgScope } from "../src/server/api/scope";
import { hashPassword } from "../src/server/auth/password";
import { createAccountWithOrganization } from "../src/server/db/system/sign-up";
import { findMembership } from "../src/server/db/system/sessions";
import { organizationSlugExists, seedMember } from "./seed/members";
import { withOrg } from "../src/server/db/tenant";
import { demoCompanies } from "./seed/companies";
import { demoContacts } from "./seed/contacts";
import { backdateInteractions, seedLeads } from "./seed/leads";
import { seedProductsProposalsContracts } from "./seed/contracts";
import { RENEWALS_PIPELINE, backdateDeals, seedDeals } from "./seed/opportunities";
import { rescoreLeads } from "../src/features/leads/lead-scoring.service";

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

// PARLEY_DEMO_COMPANIES makes a smaller demo (the end-to-end run seeds one in seconds).
const DEMO_COMPANIES = Math.max(200, Number(process.env.PARLEY_DEMO_COMPANIES) || 2500);
// The first customers are accounts already won; the rest are prospects with a lead each.
const DEMO_CUSTOMERS = 120;

/**
 * `progress` hears about each step (the first `npm start` takes a couple of minutes here).
 * Demo data is the platform's, not the organization's usage: no plan limits, nothing counted.
 */
export const seedDemo = (progress: (line: string) => void = () => {}) => unmetered(() => seedDemoData(progress));

async function seedDemoData(progress: (line: string) => void): Promise<{ created: boolean }> {
  if (await organizationSlugExists(DEMO.slug)) return { created: false };
  progress(`seeding the demo organization: ${DEMO_COMPANIES} companies with their contacts, leads, deals, calls and tasks`);
  const passwordHash = await hashPassword(DEMO.password);
  const noRequest = { ip: null, userAgent: "seed" };
  const { organizationSlug, userId: ownerId } = await createAccountWithOrganization(
    { email: DEMO.email, passwordHash, firstName: "Olivia", lastName: "Owner", organizationName: DEMO.organizationName, emailVerified: new Date() },
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

  // Records go in through the same services the app uses, as the owner, in the app role,
  // a hundred to a transaction.
  const orgId = (await findMembership(ownerId, organizationSlug))!.organization.id;
  // On Pro: a demo shows the Pro features (dashboards, roles, audit log, API) and its team of
  // six fits the seats, where the Free plan new sign-ups start on has five.
  await withOrg({ orgId, userId: ownerId }, (tx) => tx.organization.update({ where: { id: orgId }, data: planColumns(getPlan("pro")), select: { id: true } }));
  const inBatches = async <T>(items: T[], write: (scope: OrgScope, item: T) => Promise<void>) => {
    for (let i = 0; i < items.length; i += 100) {
      await withOrg({ orgId, userId: ownerId }, async (tx) => {
        const scope = createOrgScope(tx, { orgId, userId: ownerId, meta: noRequest });
        for (const item of items.slice(i, i + 100)) await write(scope, item);
      });
    }
  };
  const companies: { id: string; name: string; domain: string | null }[] = [];
  await inBatches(demoCompanies(DEMO_COMPANIES, sellers), async (scope, company) => {
    const values = companyFieldsSchema.parse(company);
    const created = await createCompany(scope, values);
    companies.push({ id: created.id, name: created.name, domain: values.website ? new URL(values.website).hostname : null });
  });
  progress(`seed: ${companies.length} companies`);
  await inBatches(demoContacts(companies, sellers), async (scope, contact) => {
    await createContact(scope, contactFieldsSchema.parse(contact));
  });
  await withOrg({ orgId, userId: ownerId }, async (tx) => {
    const renewals = await tx.pipeline.create({ data: { organizationId: orgId, name: RENEWALS_PIPELINE.name, position: 1 }, select: { id: true } });
    await tx.pipelineStage.createMany({
      data: RENEWALS_PIPELINE.stages.map((stage, position) => ({ ...stage, position, organizationId: orgId, pipelineId: renewals.id })),
    });
  });
  const pipelines = await withOrg({ orgId, userId: ownerId }, (tx) =>
    tx.pipeline.findMany({ orderBy: { position: "asc" }, select: { id: true, stages: { orderBy: { position: "asc" }, select: { id: true, isWon: true, isLost: true } } } }),
  );
  const customers = companies.slice(0, DEMO_CUSTOMERS);
  for (const [index, pipeline] of pipelines.entries()) {
    for (let batch = 0; batch < (index === 0 ? 4 : 1); batch++) {
      await withOrg({ orgId, userId: ownerId }, async (tx) => {
        const scope = createOrgScope(tx, { orgId, userId: ownerId, meta: noRequest });
        await seedDeals(scope, pipeline, index === 0 ? companies : customers, sellers, 60, 7 + index * 10 + batch);
      });
    }
  }
  await withOrg({ orgId, userId: ownerId }, (tx) => backdateDeals(createOrgScope(tx, { orgId, userId: ownerId, meta: noRequest })));
  await withOrg({ orgId, userId: ownerId }, (tx) => seedProductsProposalsContracts(createOrgScope(tx, { orgId, userId: ownerId, meta: noRequest })));
  progress("seed: contacts, deals, proposals and contracts");
  const prospects = companies.slice(DEMO_CUSTOMERS).map((company, index) => ({ company, index }));
  for (let i = 0; i < prospects.length; i += 500) {
    await inBatches(prospects.slice(i, i + 500), (scope, { company, index }) => seedLeads(scope, company, sellers, index));
    progress(`seed: ${Math.min(i + 500, prospects.length)} of ${prospects.length} leads with their calls and tasks`);
  }
  await withOrg({ orgId, userId: ownerId }, async (tx) => {
    const scope = createOrgScope(tx, { orgId, userId: ownerId, meta: noRequest });
    await backdateInteractions(scope);
    await rescoreLeads(scope);
  });
  return { created: true };
}

// The demo organization `npm start` creates on first run.
//
// It survives being interrupted (Ctrl-C, a crash, a killed process): the organization is built
// under a provisional slug (seed/demo-organization.ts) in small transactions, each of which
// commits its records whole or not at all, and only the last one renames it to /demo. So
// "/demo exists" means "complete", and a provisional one means an earlier seed stopped: the next
// run counts what each phase has in (the records themselves are the checkpoint, committed with
// them) and carries on. The data is generated from fixed random seeds, so a resumed demo has
// exactly the records an uninterrupted one has.
import { getPlan, planColumns } from "../src/features/billing/plans";
import { unmetered } from "../src/features/billing/usage";
import { companyFieldsSchema } from "../src/features/companies/companies.schema";
import { createCompany } from "../src/features/companies/companies.service";
import { contactFieldsSchema } from "../src/features/contacts/contacts.schema";
import { createContact } from "../src/features/contacts/contacts.service";
import { rescoreLeads } from "../src/features/leads/lead-scoring.service";
import { organizationSettingsSchema } from "../src/features/organizations/organization-settings.schema";
import { getOrganizationSettings, updateOrganizationSettings } from "../src/features/organizations/organization-settings.service";
import { type OrgScope, createOrgScope } from "../src/server/api/scope";
import { organizationSlugExists } from "./seed/members";
import { type Tx, withOrg } from "../src/server/db/tenant";
import { demoCompanies } from "./seed/companies";
import { demoContacts } from "./seed/contacts";
import { seedProductsProposalsContracts } from "./seed/contracts";
import { DEMO, SEEDING, openDemoOrganization } from "./seed/demo-organization";
import { backdateInteractions, seedLeads } from "./seed/leads";
import { RENEWALS_PIPELINE, backdateDeals, seedDeals } from "./seed/opportunities";

export { DEMO, SEEDING };

// PARLEY_DEMO_COMPANIES makes a smaller demo (the end-to-end run seeds one in seconds).
const DEMO_COMPANIES = Math.max(200, Number(process.env.PARLEY_DEMO_COMPANIES) || 2500);
// The first customers are accounts already won; the rest are prospects with a lead each.
const DEMO_CUSTOMERS = 120;
// Records per transaction. A lead with its calls and tasks is about 30 statements; 25 of them
// take a second or two here and stay far inside the timeouts below on a loaded machine too
// (100 to a transaction once passed the 20 s request timeout on a busy 2-core machine).
const BATCH = 25;
// The seed's own limits: it is the only thing running, and a deadline that a slow machine
// misses must not leave it to be resumed over and over.
const SEED_TRANSACTION_MS = 180_000;
const SEED_STATEMENT_TIMEOUT = "120s";
// Deals per pipeline: four batches of 60 in the first (sales) pipeline, one in Renewals.
const DEALS_PER_BATCH = 60;

export type SeedOutcome =
  | { status: "present" }
  | { status: "seeded"; resumed: boolean }
  /** The demo owner exists but the organization does not: someone deleted it; it stays deleted. */
  | { status: "deleted" };

/** What happened, in a sentence for the console. */
export function describeSeedOutcome(outcome: SeedOutcome): string {
  switch (outcome.status) {
    case "present": return "Demo organization already present.";
    case "seeded": return outcome.resumed ? "Seeded the demo organization (finishing an interrupted seed)." : "Seeded the demo organization.";
    case "deleted": return "The demo organization was deleted, so it is not seeded again (its users remain; a fresh database seeds it anew).";
  }
}

/** Why a seed that threw stopped, and that running it again is safe. */
export function describeSeedFailure(error: unknown): string {
  const reason = error instanceof Error ? error.message : String(error);
  return `The demo seed stopped: ${reason}\nWhat it wrote is kept; run it again and it carries on where it stopped.`;
}

/**
 * `progress` hears about each step (the first `npm start` takes a couple of minutes here).
 * Demo data is the platform's, not the organization's usage: no plan limits, nothing counted.
 */
export const seedDemo = (progress: (line: string) => void = () => {}) => unmetered(() => seedDemoData(progress));

async function seedDemoData(progress: (line: string) => void): Promise<SeedOutcome> {
  if (await organizationSlugExists(DEMO.slug)) return { status: "present" };
  const shell = await openDemoOrganization();
  if (!shell) return { status: "deleted" };
  const { orgId, ownerId, sellers, resumed } = shell;
  progress(resumed
    ? "resuming the demo organization's seed where it stopped"
    : `seeding the demo organization: ${DEMO_COMPANIES} companies with their contacts, leads, deals, calls and tasks`);

  const noRequest = { ip: null, userAgent: "seed" };
  // Records go in through the same services the app uses, as the owner, in the app role.
  const inOrg = <T>(work: (scope: OrgScope) => Promise<T>) =>
    withOrg({ orgId, userId: ownerId }, async (tx: Tx) => {
      await tx.$executeRaw`SELECT set_config('statement_timeout', ${SEED_STATEMENT_TIMEOUT}, TRUE)`;
      return work(createOrgScope(tx, { orgId, userId: ownerId, meta: noRequest }));
    }, { timeoutMs: SEED_TRANSACTION_MS });
  const inBatches = async <T>(items: T[], write: (scope: OrgScope, item: T) => Promise<void>) => {
    for (let i = 0; i < items.length; i += BATCH) {
      await inOrg(async (scope) => {
        for (const item of items.slice(i, i + BATCH)) await write(scope, item);
      });
    }
  };

  // On Pro: a demo shows the Pro features (dashboards, roles, audit log, API) and its team of
  // six fits the seats, where the Free plan new sign-ups start on has five.
  await inOrg(({ tx }) => tx.organization.update({ where: { id: orgId }, data: planColumns(getPlan("pro")), select: { id: true } }));

  // Companies: the ones in already are found by name (unique in the generated list). A stopped
  // seed that was asked for more companies than this run is kept at its size.
  const companiesIn = await inOrg(({ tx }) => tx.company.findMany({ select: { id: true, name: true } }));
  const companyIds = new Map(companiesIn.map((c) => [c.name, c.id]));
  const planned = demoCompanies(Math.max(DEMO_COMPANIES, companiesIn.length), sellers).map((c) => companyFieldsSchema.parse(c));
  await inBatches(planned.filter((c) => !companyIds.has(c.name)), async (scope, values) => {
    companyIds.set(values.name, (await createCompany(scope, values)).id);
  });
  const companies = planned.map((c) => ({ id: companyIds.get(c.name)!, name: c.name, domain: c.website ? new URL(c.website).hostname : null }));
  progress(`seed: ${companies.length} companies`);

  const contactsIn = await inOrg(({ tx }) => tx.contact.count());
  await inBatches(demoContacts(companies, sellers).slice(contactsIn), async (scope, contact) => {
    await createContact(scope, contactFieldsSchema.parse(contact));
  });

  await inOrg(async ({ tx }) => {
    if (await tx.pipeline.count({ where: { name: RENEWALS_PIPELINE.name } })) return;
    const renewals = await tx.pipeline.create({ data: { organizationId: orgId, name: RENEWALS_PIPELINE.name, position: 1 }, select: { id: true } });
    await tx.pipelineStage.createMany({
      data: RENEWALS_PIPELINE.stages.map((stage, position) => ({ ...stage, position, organizationId: orgId, pipelineId: renewals.id })),
    });
  });
  const pipelines = await inOrg(({ tx }) =>
    tx.pipeline.findMany({
      orderBy: { position: "asc" },
      select: { id: true, _count: { select: { opportunities: true } }, stages: { orderBy: { position: "asc" }, select: { id: true, isWon: true, isLost: true } } },
    }),
  );
  const customers = companies.slice(0, DEMO_CUSTOMERS);
  for (const [index, pipeline] of pipelines.entries()) {
    const batchesIn = Math.floor(pipeline._count.opportunities / DEALS_PER_BATCH);
    for (let batch = batchesIn; batch < (index === 0 ? 4 : 1); batch++) {
      await inOrg((scope) => seedDeals(scope, pipeline, index === 0 ? companies : customers, sellers, DEALS_PER_BATCH, 7 + index * 10 + batch));
    }
  }
  // Backdating the deals and the catalog with its proposals and contracts go together: the
  // catalog's presence then says both are done.
  await inOrg(async (scope) => {
    if (await scope.tx.product.count()) return;
    await backdateDeals(scope);
    await seedProductsProposalsContracts(scope);
  });
  progress("seed: contacts, deals, proposals and contracts");

  const prospects = companies.slice(DEMO_CUSTOMERS).map((company, index) => ({ company, index }));
  const leadsIn = await inOrg(({ tx }) => tx.lead.count());
  for (let from = leadsIn; from < prospects.length;) {
    const to = Math.min((Math.floor(from / 500) + 1) * 500, prospects.length);
    await inBatches(prospects.slice(from, to), (scope, { company, index }) => seedLeads(scope, company, sellers, index));
    progress(`seed: ${to} of ${prospects.length} leads with their calls and tasks`);
    from = to;
  }

  // The last step publishes the organization under its real name and slug, in the same
  // transaction: from here on the demo counts as complete.
  await inOrg(async (scope) => {
    await backdateInteractions(scope);
    await rescoreLeads(scope);
    // Through the settings service, as an admin renaming it would: its audit log tells the story.
    const settings = await getOrganizationSettings(scope);
    await updateOrganizationSettings(scope, organizationSettingsSchema.parse({ ...settings, name: DEMO.organizationName, slug: DEMO.slug }));
  });
  return { status: "seeded", resumed };
}

// Two organizations with data in every tenant table, for the isolation suite. When a
// migration adds a tenant table, add rows for it here: the suite fails naming any tenant
// table that org B has no rows in, so a new table cannot slip past it untested.
import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { stagedPath } from "@/features/imports/import-files";
import { runImport } from "@/features/imports/import-runner";
import { newToken, sha256Hex } from "@/lib/tokens";
import { subscriptionEffect } from "@/server/billing/subscription";
import { recordStripeSubscription } from "@/server/db/system/billing";
import { startSession } from "@/server/db/system/sign-in";
import { type TestOrg, addMember, callerAs, createOrgWithOwner, ownerPool } from "./fixtures";

export interface TenantWorld {
  a: TestOrg;
  b: TestOrg;
  /**
   * Org B's ids by the input field a procedure takes them as: "router.field" first
   * ("companies.id"), then the bare field name ("sessionId").
   */
  bIds: Record<string, string>;
  /** Other input a procedure needs to get past validation to the id lookup. */
  extraInput: Record<string, Record<string, unknown>>;
}

async function populate(org: TestOrg) {
  const api = callerAs(org.owner, org.slug);
  const company = await api.companies.create({ name: `${org.slug} Customer Co`, lifecycle: "customer", website: "customer.example", annualRevenue: "1250000" });
  const contact = await api.contacts.create({ firstName: "Casey", lastName: "Contact", email: `casey@${org.slug}.example`, companyIds: [company.id] });
  const view = await api.savedViews.save({ resource: "companies", name: "Customers", query: { lifecycle: "customer" } });
  const [pipeline] = await api.pipelines.list();
  const deal = await api.opportunities.create({ pipelineId: pipeline!.id, name: "Pilot", value: "5000", companyId: company.id, contactId: contact.id });
  const stageId = pipeline!.stages[1]!.id;
  await api.opportunities.move({ id: deal.id, stageId });
  const lead = await api.leads.create({ companyName: `${org.slug} Prospect Ltd`, contactId: contact.id, source: "referral", tags: ["Priority"] });
  const call = await api.interactions.log({ leadId: lead.id, type: "call", subject: "Intro call", content: "Great conversation, they love the product" });
  const task = await api.tasks.create({ title: "Send pricing", leadId: lead.id, dueDate: "2026-01-15" });
  const subtask = await api.tasks.create({ title: "Draft the email", parentTaskId: task.id });
  await api.leads.saveScoringWeights({ industry: 10, size: 10, revenue: 10, yearsInBusiness: 10, rating: 10, interactions: 20, recency: 15, replies: 15, targetIndustries: ["Logistics"] });
  const converted = await api.leads.create({ companyName: `${org.slug} Converted Co`, status: "qualified" });
  const won = await api.leads.convert({ id: converted.id, pipelineId: pipeline!.id, name: "From a lead", value: "1200" });
  await addLeadEnrichment(org, lead.id);
  // Exports are made by a background job; the row alone is what the isolation suite needs.
  const { rows: [orgExport] } = await ownerPool().query<{ id: string }>(
    "INSERT INTO organization_exports (organization_id, requested_by, status) VALUES ($1, $2, 'completed') RETURNING id", [org.orgId, org.owner.id]);
  await addBillingSubscription(org);
  const importId = await importSmallFile(org, api);
  const apiKey = await api.apiKeys.create({ name: "Warehouse sync", permissions: ["companies:read"] });
  const product = await api.products.create({ name: "Onboarding package", sku: "ONB", unitPrice: "1500", taxRate: "8.25" });
  const proposals = await addProposals(org, api, deal.id, product.id);
  const contractId = await addContract(org, api, deal.id);
  return {
    importId, apiKeyId: apiKey.id, exportId: orgExport!.id, productId: product.id, ...proposals, contractId,
    companyId: company.id, contactId: contact.id, viewId: view.id, pipelineId: pipeline!.id, stageId, targetStageId: pipeline!.stages[2]!.id, dealId: deal.id,
    leadId: lead.id, interactionId: call.id, taskId: task.id, subtaskId: subtask.id, convertedDealId: won.opportunityId,
  };
}

/**
 * An import with one created lead and one rejected row (imports, import_rejects), then a second
 * that updates that lead's company (import_records keep what an import updated).
 */
async function importSmallFile(org: TestOrg, api: ReturnType<typeof callerAs>) {
  const run = async (csv: string, mapping: Record<string, string>, duplicateStrategy: "skip" | "update") => {
    const token = randomBytes(16).toString("hex");
    await mkdir(path.dirname(stagedPath(token)), { recursive: true });
    await writeFile(stagedPath(token), csv);
    const { id } = await api.imports.create({ resource: "leads", fileName: "tiny.csv", uploadToken: token });
    await api.imports.start({ id, mapping, duplicateStrategy });
    // The import's pg-boss job, run right here: no worker needs to be up (the job it sent then finds nothing to do).
    const { jobId } = await api.imports.get({ id });
    await runImport({ importId: id, orgId: org.orgId, userId: org.owner.id }, jobId!);
    return id;
  };
  const id = await run("Company,Email\nImported Co,hello@imported.example\n,not-an-email\n", { companyName: "Company", contactEmail: "Email" }, "skip");
  await run("Company,Industry\nImported Co,Freight\n", { companyName: "Company", industry: "Industry" }, "update");
  return id;
}

/**
 * A template, a proposal made from it (a catalog line and a free-form one; the number counter),
 * sent and then revised into version 2, and an approval request on it. The request goes in as
 * the owner: the world's organizations have no second approver to ask.
 */
async function addProposals(org: TestOrg, api: ReturnType<typeof callerAs>, dealId: string, productId: string) {
  const template = await api.proposalTemplates.create({ name: "Standard", termsAndConditions: "Net 30", customSections: [{ title: "Team", body: "Two people" }] });
  const lines = [{ productId, description: "Onboarding package", quantity: "1", unitPrice: "1500", taxRate: "8.25" }, { description: "Travel", quantity: "2", unitPrice: "120.50" }];
  const v1 = await api.proposals.create({ opportunityId: dealId, templateId: template.id, title: "Pilot proposal", lines });
  await api.proposals.send({ id: v1.id, sentToEmail: `buyer@${org.slug}.example` });
  const v2 = await api.proposals.update({ id: v1.id, values: { title: "Pilot proposal", lines: [{ ...lines[0]!, discountPercent: "40" }] } });
  const { rows: [request] } = await ownerPool().query<{ id: string }>(
    `INSERT INTO approval_requests (organization_id, proposal_id, requester_id, approver_id, details) VALUES ($1, $2, $3, $3, '{"note": "Strategic"}') RETURNING id`,
    [org.orgId, v2.id, org.owner.id]);
  return { templateId: template.id, proposalId: v2.id, approvalId: request!.id };
}

/** A contract for the deal, sent for signature (contract_links, a second number counter) and countersigned. */
async function addContract(org: TestOrg, api: ReturnType<typeof callerAs>, dealId: string) {
  const c = await api.contracts.create({ opportunityId: dealId, values: CONTRACT_VALUES });
  await api.contracts.sendForSignature({ id: c.id, sentToEmail: `signer@${org.slug}.example` });
  await api.contracts.countersign({ id: c.id, fullName: "Owner Signer", agree: true, signature: { method: "typed" } });
  return c.id;
}

const CONTRACT_VALUES = {
  title: "Pilot contract", startDate: "2026-01-01", endDate: "2026-12-31", totalValue: "5000",
  paymentSchedule: [{ dueDate: "2026-01-01", amount: "2500" }, { dueDate: "2026-07-01", amount: "2500" }],
};

/** No procedure writes enrichment yet (it arrives with import), so the rows go in as the owner. */
async function addLeadEnrichment(org: TestOrg, leadId: string) {
  await ownerPool().query(
    "INSERT INTO lead_enrichments (organization_id, lead_id, source, data) SELECT organization_id, id, 'website', '{\"employees\": 40}' FROM leads WHERE id = $1",
    [leadId],
  );
  return org;
}

/** A custom role and a pending invitation (invitations, their verification token) per org. */
async function populateMembers(org: TestOrg) {
  const api = callerAs(org.owner, org.slug);
  const roles = await api.roles.list();
  const role = await api.roles.create({ name: "Field Sales", copyFromRoleId: roles.find((r) => r.name === "Member")!.id });
  const invitation = await api.invitations.create({ email: `invitee@${org.slug}.example`, roleId: role.id });
  const { rows } = await ownerPool().query<{ id: string }>(
    "SELECT m.id FROM memberships m JOIN roles r ON r.organization_id = m.organization_id AND r.id = m.role_id WHERE m.organization_id = $1 AND r.name <> 'Owner' LIMIT 1",
    [org.orgId],
  );
  return { roleId: role.id, invitationId: invitation.id, membershipId: rows[0]!.id };
}

/** A Starter subscription as Stripe would report it (billing_subscriptions; only system code writes it). */
async function addBillingSubscription(org: TestOrg) {
  const day = 86_400_000;
  await recordStripeSubscription(subscriptionEffect({
    id: `sub_${org.slug}`, customerId: `cus_${org.slug}`, status: "active", priceId: "price_starter_month", itemId: `si_${org.slug}`, quantity: 2,
    tier: "starter", interval: "month", currentPeriodStart: new Date(), currentPeriodEnd: new Date(Date.now() + 30 * day), cancelAtPeriodEnd: false,
    cancelAt: null, canceledAt: null, endedAt: null, trialEnd: null, organizationId: org.orgId,
  }, new Date()), { userId: null, action: "test" });
}

export async function buildTenantWorld(): Promise<TenantWorld> {
  const a = await createOrgWithOwner("alpha");
  const b = await createOrgWithOwner("bravo");
  await addMember(a, "Member");
  await addMember(b, "Viewer");
  await populate(a);
  const bData = await populate(b);
  await populateMembers(a);
  const bMembers = await populateMembers(b);
  const bSession = await startSession(
    b.owner.id,
    { tokenHash: sha256Hex(newToken()), expiresAt: new Date(Date.now() + 3_600_000) },
    { ip: null, userAgent: "isolation-suite" },
  );
  return {
    a,
    b,
    bIds: { sessionId: bSession.sessionId, "companies.id": bData.companyId, "contacts.id": bData.contactId, "savedViews.id": bData.viewId, "opportunities.id": bData.dealId, pipelineId: bData.pipelineId, stageId: bData.stageId, contactId: bData.contactId, companyId: bData.companyId, ownerId: b.owner.id,
      "leads.id": bData.leadId, leadId: bData.leadId, "interactions.id": bData.interactionId, "tasks.id": bData.taskId, parentTaskId: bData.taskId,
      opportunityId: bData.dealId, assignedTo: b.owner.id,
      "invitations.id": bMembers.invitationId, "roles.id": bMembers.roleId, roleId: bMembers.roleId, copyFromRoleId: bMembers.roleId, membershipId: bMembers.membershipId, "imports.id": bData.importId, targetStageId: bData.targetStageId,
      "apiKeys.id": bData.apiKeyId, "audit.userId": b.owner.id, "organizations.id": bData.exportId, "products.id": bData.productId,
      "proposals.id": bData.proposalId, "proposalTemplates.id": bData.templateId, templateId: bData.templateId, "approvals.id": bData.approvalId, approverId: b.owner.id,
      "contracts.id": bData.contractId, proposalId: bData.proposalId,
    },
    extraInput: {
      "invitations.create": { email: "stranger@example.com" },
      "roles.create": { name: "Stranger's role" },
      "roles.update": { name: "Taken over" },
      "roles.setPermissions": { permissions: ["leads:read"] },
      "companies.update": { values: { name: "Taken over" } },
      "companies.create": { name: "Owned by a stranger" },
      "contacts.update": { values: { firstName: "Taken" } },
      "contacts.create": { firstName: "Owned by a stranger" },
      "opportunities.create": { name: "Poached deal" },
      "opportunities.update": { values: { name: "Poached deal" } },
      "opportunities.archive": { archived: true },
      "leads.create": { companyName: "Stranger's company" },
      "leads.update": { values: { companyName: "Taken over" } },
      "leads.convert": { name: "Poached conversion" },
      "interactions.log": { type: "call" },
      "tasks.create": { title: "Stranger's task" },
      "products.update": { values: { name: "Taken over", unitPrice: "1" } },
      "tasks.update": { values: { title: "Taken over" } },
      "proposals.create": { title: "Poached proposal" },
      "proposals.update": { values: { title: "Taken over" } },
      "proposals.send": { sentToEmail: "stranger@example.com" },
      "proposalTemplates.update": { values: { name: "Taken over" } },
      "contracts.create": { values: { ...CONTRACT_VALUES, title: "Poached contract" } },
      "contracts.update": { values: { ...CONTRACT_VALUES, title: "Taken over" } },
      "contracts.sendForSignature": { sentToEmail: "stranger@example.com" },
      "contracts.resend": { sentToEmail: "stranger@example.com" },
      "contracts.countersign": { fullName: "A Stranger", agree: true, signature: { method: "typed" } },
      "contracts.terminate": { reason: "Taken over" },
      "tasks.setStatus": { status: "completed" },
      "imports.start": { mapping: { companyName: "Company" } },
      "pipelines.update": { values: { name: "Taken over" } },
      "pipelines.addStage": { values: { name: "Stranger's stage", probability: 10 } },
      "pipelines.updateStage": { values: { name: "Taken over", probability: 90 } },
      "pipelines.reorderStages": { stageIds: [bData.targetStageId, bData.stageId] },
    },
  };
}

// Demo products, proposals and contracts: a catalog, proposals on open deals (drafts and sent),
// and for won deals an accepted proposal and a contract signed by both sides at the time the
// deal was won, so the contract list, renewals and the dashboard's signed value have a year
// behind them. Created through the services; the signatures (which come from clients through
// the public link in real life) are written as the seed.
import { contractHash, contractParties, createContract, getContract } from "../../src/features/contracts/contracts.service";
import { addDays, addMonths, buildSchedule } from "../../src/features/contracts/payment-schedule";
import { createProduct } from "../../src/features/products/products.service";
import { productFieldsSchema } from "../../src/features/products/products.schema";
import { createProposal } from "../../src/features/proposals/proposals.service";
import { createProposalSchema } from "../../src/features/proposals/proposals.schema";
import type { OrgScope } from "../../src/server/api/scope";
import { seededRandom } from "./random";

const CATALOG = [
  { name: "Parley Growth plan (per seat)", sku: "GROW-SEAT", unitPrice: "49.00", billingType: "monthly", taxRate: "8.25" },
  { name: "Parley Enterprise plan (per seat)", sku: "ENT-SEAT", unitPrice: "89.00", billingType: "monthly", taxRate: "8.25" },
  { name: "Implementation package", sku: "IMPL", unitPrice: "4500.00", billingType: "one_time", taxRate: "0" },
  { name: "Onboarding workshop (day)", sku: "WORKSHOP", unitPrice: "1200.00", billingType: "one_time", taxRate: "0" },
  { name: "Premium support", sku: "SUPPORT-PREM", unitPrice: "6000.00", billingType: "yearly", taxRate: "8.25" },
  { name: "Data migration", sku: "MIGRATE", unitPrice: "2500.00", billingType: "one_time", taxRate: "0" },
] as const;

const TERMS = "Payment due within 30 days of invoice. Either party may terminate for material breach with 30 days' written notice. Governed by the laws of the State of Delaware.";

interface Deal { id: string; name: string; status: string; ownerId: string | null; closedAt: Date | null }

export async function seedProductsProposalsContracts(scope: OrgScope) {
  const rnd = seededRandom(2026);
  const products: Awaited<ReturnType<typeof createProduct>>[] = [];
  for (const p of CATALOG) products.push(await createProduct(scope, productFieldsSchema.parse(p)));
  const deals: Deal[] = (await scope.tx.opportunity.findMany({
    where: { pipeline: { position: 0 } }, select: { id: true, name: true, status: true, ownerId: true, actualCloseDate: true }, orderBy: { id: "asc" },
  })).map((d) => ({ ...d, closedAt: d.actualCloseDate }));
  const won = deals.filter((d) => d.status === "won").slice(0, 40);
  const open = deals.filter((d) => d.status === "open").slice(0, 12);

  const proposalFor = async (deal: Deal) => {
    const seats = rnd.int(5, 60);
    const plan = rnd.pick(products.slice(0, 2));
    const lines = [
      { productId: plan.id, description: plan.name, quantity: String(seats * 12), unitPrice: plan.unitPrice, discountPercent: String(rnd.pick([0, 0, 5, 10, 15])), taxRate: plan.taxRate },
      { productId: products[2]!.id, description: products[2]!.name, quantity: "1", unitPrice: products[2]!.unitPrice, discountPercent: "0", taxRate: "0" },
    ];
    return createProposal(scope, createProposalSchema.parse({
      opportunityId: deal.id, title: `${deal.name}: proposal`, lines,
      executiveSummary: "Parley gives your team one place for leads, deals, proposals and contracts.", termsAndConditions: TERMS,
    }));
  };

  for (const [i, deal] of open.entries()) {
    const p = await proposalFor(deal);
    if (i % 3 !== 0) await scope.tx.proposal.update({ where: { organizationId_id: { organizationId: scope.orgId, id: p.id } }, data: { status: "sent", sentAt: new Date(), sentToEmail: "buyer@example.com" } });
  }

  const today = new Date().toISOString().slice(0, 10);
  for (const [i, deal] of won.entries()) {
    const p = await proposalFor(deal);
    const signedOn = (deal.closedAt ?? new Date()).toISOString().slice(0, 10);
    await scope.tx.proposal.update({ where: { organizationId_id: { organizationId: scope.orgId, id: p.id } }, data: { status: "accepted", sentAt: new Date(`${signedOn}T09:00:00Z`), acceptedAt: new Date(`${signedOn}T15:00:00Z`), acceptedByName: "Demo Client" } });
    // Terms of 12 months starting when signed; a few end soon (renewals due on the dashboard).
    const start = i % 8 === 0 ? addDays(addMonths(today, -12), rnd.int(10, 80)) : signedOn;
    const end = addDays(addMonths(start, 12), -1);
    const c = await createContract(scope, {
      opportunityId: deal.id, proposalId: p.id,
      values: {
        title: p.title.replace(/: proposal$/, ""), type: "subscription", startDate: start, endDate: end, autoRenew: i % 3 === 0, renewalTerms: i % 3 === 0 ? "Renews for 12 months at the then-current price unless either party gives 30 days' notice." : null,
        currency: p.currency, totalValue: p.totalAmount, paymentTerms: "Net 30", paymentSchedule: buildSchedule(p.totalAmount, 4, start, "quarterly"), body: TERMS, clientSignatureRequired: true,
      },
    });
    if (i === won.length - 1) continue; // one draft left to finish
    const draft = await getContract(scope, c.id);
    const parties = await contractParties(scope, draft);
    const hash = await contractHash(scope, { ...draft, supplierName: parties.supplier, clientName: parties.client });
    const signedAt = new Date(`${signedOn}T16:00:00Z`);
    const pending = i === won.length - 2;
    await scope.tx.contract.update({
      where: { organizationId_id: { organizationId: scope.orgId, id: c.id } },
      data: {
        status: pending ? "pending_signature" : "active", documentHash: hash, supplierName: parties.supplier, clientName: parties.client, sentForSignatureAt: signedAt, sentToEmail: "buyer@example.com",
        clientSignedAt: signedAt, clientSignedBy: "Demo Client", clientSignatureEmail: "buyer@example.com", clientSignatureIp: "203.0.113.10", clientSignatureMethod: "typed",
        ...(pending ? {} : { internalSignedAt: new Date(signedAt.getTime() + 3_600_000), internalSignedBy: scope.userId, internalSignerName: "Olivia Owner", internalSignatureMethod: "typed", activatedAt: new Date(signedAt.getTime() + 3_600_000) }),
      },
    });
  }
}

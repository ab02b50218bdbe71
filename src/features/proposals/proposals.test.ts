import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createOrgScope } from "@/server/api/scope";
import { withOrg } from "@/server/db/tenant";
import { type TestOrg, addMember, callerAs, createOrgWithOwner, ownerPool } from "../../../test/helpers/fixtures";
import { withTestSmtp } from "../../../test/helpers/smtp-env";
import { recordProposalView } from "./proposal-lifecycle.service";
import { proposalTotals } from "./proposal-totals";

const year = new Date().getUTCFullYear();
const line = (over: Record<string, string | null> = {}) => ({ description: "Consulting day", quantity: "2", unitPrice: "1000", discountPercent: "0", taxRate: "0", ...over });

async function setup(label: string) {
  const org = await createOrgWithOwner(label);
  const api = callerAs(org.owner, org.slug);
  const [pipeline] = await api.pipelines.list();
  const deal = await api.opportunities.create({ pipelineId: pipeline!.id, name: `${label} deal`, value: "10000" });
  return { org, api, dealId: deal.id };
}

const smtp = withTestSmtp();

describe("proposals: numbers, totals, versions", () => {
  it("numbers proposals per organization and year without gaps or duplicates, even 20 at once", async () => {
    const { org, api, dealId } = await setup("prop-numbers");
    const other = await setup("prop-numbers-other");
    const members = await Promise.all([addMember(org, "Member"), addMember(org, "Member"), addMember(org, "Manager")]);
    const callers = Array.from({ length: 20 }, (_, i) => (i % 4 === 0 ? api : callerAs(members[i % 3]!, org.slug)));
    const made = await Promise.all(callers.map((c, i) => c.proposals.create({ opportunityId: dealId, title: `Concurrent ${i}`, lines: [line()] })));
    const numbers = made.map((p) => p.proposalNumber).sort();
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => `P-${year}-${String(i + 1).padStart(4, "0")}`));
    expect(new Set(made.map((p) => p.version))).toEqual(new Set([1]));
    // Each organization counts on its own.
    const theirs = await other.api.proposals.create({ opportunityId: other.dealId, title: "Theirs" });
    expect(theirs.proposalNumber).toBe(`P-${year}-0001`);
    // A creation that fails after taking a number gives it back (the counter rolls back with it).
    await expect(api.proposals.create({ opportunityId: dealId, title: "Too big", lines: [line({ quantity: "99999999", unitPrice: "9999999999999.99" })] }))
      .rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("The amounts are too large") });
    expect((await api.proposals.create({ opportunityId: dealId, title: "Next" })).proposalNumber).toBe(`P-${year}-0021`);
  });

  it("stores exactly the totals proposal-totals.ts computes, to the cent, for random lines", async () => {
    const { api, dealId } = await setup("prop-totals");
    const product = await api.products.create({ name: "Licence", unitPrice: "49.99", taxRate: "8.25" });
    const dec = (max: number, scale: number) => fc.integer({ min: 0, max: max * 10 ** scale }).map((n) => (n / 10 ** scale).toFixed(scale));
    const lines = fc.sample(fc.record({
      quantity: dec(500, 4).filter((q) => Number(q) > 0), unitPrice: dec(100_000, 2), discountPercent: dec(100, 2), taxRate: dec(30, 3),
    }), { numRuns: 15, seed: 42 }).map((l, i) => ({ ...l, description: `Line ${i}`, productId: i % 3 === 0 ? product.id : null }));
    const made = await api.proposals.create({ opportunityId: dealId, title: "Random lines", lines });
    const expected = proposalTotals(lines);
    expect(made).toMatchObject({ subtotal: expected.subtotal, discountAmount: expected.discountAmount, discountPercentage: expected.discountPercentage, taxAmount: expected.taxAmount, totalAmount: expected.total });
    made.lines.forEach((l, i) => expect([l.grossAmount, l.discountAmount, l.taxAmount, l.totalAmount]).toEqual([expected.lines[i]!.gross, expected.lines[i]!.discount, expected.lines[i]!.tax, expected.lines[i]!.total]));
    expect(made.lines[0]!.product?.name).toBe("Licence");
    // What the database holds, read around the app: the same cents, and lines that sum to it.
    const { rows: [db] } = await ownerPool().query<{ total_amount: string; sum: string }>(
      "SELECT p.total_amount::text, (SELECT sum(total_amount)::text FROM proposal_line_items WHERE proposal_id = p.id) AS sum FROM proposals p WHERE id = $1", [made.id]);
    expect(db).toEqual({ total_amount: expected.total, sum: expected.total });
    // Saved again with one line changed: recomputed, never drifting.
    const edited = await api.proposals.update({ id: made.id, values: { title: "Random lines", lines: [...lines.slice(1), line({ unitPrice: "0.10", quantity: "3" })] } });
    expect(edited.totalAmount).toBe(proposalTotals([...lines.slice(1), line({ unitPrice: "0.10", quantity: "3" }) as never]).total);
  });

  it("fills sections from a template, and refuses bad lines naming the field", async () => {
    const { api, dealId } = await setup("prop-template");
    const template = await api.proposalTemplates.create({
      name: "Standard", executiveSummary: "We help you sell.", termsAndConditions: "Net 30.", validForDays: 14,
      customSections: [{ title: "Team", body: "Two consultants" }],
    });
    const made = await api.proposals.create({ opportunityId: dealId, title: "From template", templateId: template.id, scopeOfWork: "Our own scope" });
    expect(made).toMatchObject({ executiveSummary: "We help you sell.", scopeOfWork: "Our own scope", termsAndConditions: "Net 30.", customSections: [{ title: "Team", body: "Two consultants" }], templateId: template.id });
    expect(made.validUntil).toBe(new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10));
    await expect(api.proposals.create({ opportunityId: dealId, title: "Bad", lines: [line({ quantity: "0" })] })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("Quantity must be more than 0") });
    await expect(api.proposals.create({ opportunityId: dealId, title: "Bad", lines: [line({ discountPercent: "101" })] })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("Discount is at most 100") });
    await expect(api.proposalTemplates.create({ name: "Standard" })).rejects.toMatchObject({ code: "CONFLICT", message: "Another template already has this name" });
  });

  it("keeps sent versions as they were: an edit makes version 2 (draft, same number), only the newest is editable", async () => {
    const { api, dealId } = await setup("prop-versions");
    const v1 = await api.proposals.create({ opportunityId: dealId, title: "Pilot", lines: [line(), line({ description: "Training", quantity: "1", unitPrice: "500" })] });
    // A draft is edited in place.
    const same = await api.proposals.update({ id: v1.id, values: { title: "Pilot project", lines: [line(), line({ description: "Training", quantity: "1", unitPrice: "500" })] } });
    expect(same).toMatchObject({ id: v1.id, version: 1, title: "Pilot project" });
    await api.proposals.send({ id: v1.id, sentToEmail: "buyer@example.com" });
    const v2 = await api.proposals.update({ id: v1.id, values: { title: "Pilot project (revised)", lines: [line({ quantity: "3" })] } });
    expect(v2).toMatchObject({ proposalNumber: v1.proposalNumber, version: 2, status: "draft", isCurrent: true, totalAmount: "3000.00", title: "Pilot project (revised)" });
    expect(v2.versions.map((v) => [v.version, v.status])).toEqual([[2, "draft"], [1, "sent"]]);
    const old = await api.proposals.get({ id: v1.id });
    expect(old).toMatchObject({ version: 1, status: "sent", isCurrent: false, totalAmount: "2500.00", sentToEmail: "buyer@example.com", editable: false });
    expect(old.lines.map((l) => l.description)).toEqual(["Consulting day", "Training"]);
    await expect(api.proposals.update({ id: v1.id, values: { title: "Sneaky" } })).rejects.toMatchObject({ code: "CONFLICT", message: `This is version 1 of ${v1.proposalNumber}; only the newest version (2) can be changed` });
    await expect(api.proposals.markAccepted({ id: v1.id })).rejects.toMatchObject({ code: "CONFLICT" });
    const list = await api.proposals.list({ opportunityId: dealId });
    expect(list.items.map((p) => [p.proposalNumber, p.version])).toEqual([[v1.proposalNumber, 2]]);
    const deal = await api.opportunities.get({ id: dealId });
    expect(deal.timeline.map((e) => e.title)).toEqual(expect.arrayContaining([
      `Proposal ${v1.proposalNumber} created ($2,500.00)`, `Proposal ${v1.proposalNumber} sent to buyer@example.com ($2,500.00)`,
      `Proposal ${v1.proposalNumber} revised: version 2 ($3,000.00)`,
    ]));
    expect((await api.audit.list({ action: "proposal.version" })).items).toHaveLength(1);
  });
});

describe("proposals: lifecycle", () => {
  it("moves draft → sent → viewed → accepted, refusing what the lifecycle does not allow with CONFLICT", async () => {
    const { org, api, dealId } = await setup("prop-life");
    const p = await api.proposals.create({ opportunityId: dealId, title: "Lifecycle", lines: [line()] });
    await expect(api.proposals.markAccepted({ id: p.id })).rejects.toMatchObject({ code: "CONFLICT", message: `${p.proposalNumber} is draft: it cannot be accepted; it can only be submitted for approval or marked as sent` });
    const empty = await api.proposals.create({ opportunityId: dealId, title: "Empty" });
    await expect(api.proposals.send({ id: empty.id, sentToEmail: "a@example.com" })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("add at least one line") });
    const sent = await api.proposals.send({ id: p.id, sentToEmail: "Buyer@Example.com" });
    expect(sent).toMatchObject({ status: "sent", sentToEmail: "buyer@example.com" });
    expect(sent.sentAt).toBeInstanceOf(Date);
    await expect(api.proposals.send({ id: p.id, sentToEmail: "a@example.com" })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("is sent: it cannot be marked as sent") });
    // The public page (proposal-public.service.ts) records views through this service.
    const actor = { orgId: org.orgId, userId: org.owner.id, meta: { ip: null, userAgent: "test" } };
    const view = () => withOrg(actor, (tx) => recordProposalView(createOrgScope(tx, actor), p.id));
    await view();
    const viewed = await view();
    expect(viewed).toMatchObject({ status: "viewed", viewCount: 2 });
    const accepted = await api.proposals.markAccepted({ id: p.id });
    expect(accepted.status).toBe("accepted");
    expect(accepted.acceptedAt).toBeInstanceOf(Date);
    await expect(api.proposals.markRejected({ id: p.id, reason: "Too late" })).rejects.toMatchObject({ code: "CONFLICT", message: `${p.proposalNumber} is accepted: it cannot be rejected` });
    const audit = await api.audit.list({ action: "proposal.accepted" });
    expect(audit.items[0]).toMatchObject({ oldValues: { status: "viewed" }, newValues: { status: "accepted" } });
  });

  it("reads a proposal past its valid-until date as expired (computed, not stored); it can only be revised", async () => {
    const { api, dealId } = await setup("prop-expired");
    const p = await api.proposals.create({ opportunityId: dealId, title: "Old offer", validUntil: "2020-01-31", lines: [line()] });
    expect(p.status).toBe("expired");
    expect(p.storedStatus).toBe("draft");
    await expect(api.proposals.send({ id: p.id, sentToEmail: "a@example.com" })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("is expired: it cannot be marked as sent; edit it to make a new version") });
    expect((await api.proposals.list({ status: "expired" })).items.map((x) => x.id)).toEqual([p.id]);
    expect((await api.proposals.list({ status: "draft" })).total).toBe(0);
    const revised = await api.proposals.update({ id: p.id, values: { title: "New offer", validUntil: "2099-01-31", lines: [line()] } });
    expect(revised).toMatchObject({ version: 2, status: "draft" });
    const rejected = await api.proposals.send({ id: revised.id, sentToEmail: "a@example.com" }).then(() => api.proposals.markRejected({ id: revised.id, reason: "Went elsewhere" }));
    expect(rejected).toMatchObject({ status: "rejected", rejectionReason: "Went elsewhere" });
  });
});

describe("proposals: approvals", () => {
  let org: TestOrg;
  it("holds a discount above the threshold for approval; the approver approves or rejects with a comment; the requester hears", async () => {
    const s = await setup("prop-approve");
    org = s.org;
    const { api, dealId } = s;
    const manager = await addMember(org, "Manager");
    const member = await addMember(org, "Member");
    const managerApi = callerAs(manager, org.slug);
    const memberApi = callerAs(member, org.slug);
    await expect(memberApi.proposals.updateSettings({ thresholdPercent: "5" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await api.proposals.updateSettings({ thresholdPercent: "10" })).toEqual({ approvalThresholdPercent: "10.00" });

    const p = await api.proposals.create({ opportunityId: dealId, title: "Big discount", lines: [line({ discountPercent: "15" }), line({ description: "Setup", quantity: "1", unitPrice: "100" })] });
    expect(p).toMatchObject({ discountPercentage: "14.29", needsApproval: true, approvalThresholdPercent: "10.00" });
    await expect(api.proposals.send({ id: p.id, sentToEmail: "buyer@example.com" })).rejects.toMatchObject({ code: "CONFLICT", message: `${p.proposalNumber}'s discount (14.29%) is above your 10.00% threshold: submit it for approval before sending` });

    // The first Manager is the default approver (the requester never approves their own).
    const approvers = await api.proposals.approvers();
    expect(approvers.map((a) => a.roleName)).toEqual(["Manager"]);
    expect((await managerApi.proposals.approvers()).map((a) => a.roleName)).toEqual(["Owner"]);
    const request = await api.proposals.submitForApproval({ id: p.id, note: "Strategic account" });
    expect(request.approver.id).toBe(manager.id);
    await smtp.current.waitFor(manager.email, /Approval needed/);
    expect((await api.proposals.get({ id: p.id })).status).toBe("pending_approval");
    await expect(api.proposals.update({ id: p.id, values: { title: "Edit while pending" } })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("waiting for approval") });
    await expect(api.proposals.submitForApproval({ id: p.id })).rejects.toMatchObject({ code: "CONFLICT" });

    const mine = await managerApi.approvals.list({});
    expect(mine.items.map((r) => [r.proposal.proposalNumber, r.status, r.requester?.id, (r.details as { note: string }).note])).toEqual([[p.proposalNumber, "pending", org.owner.id, "Strategic account"]]);
    expect((await api.approvals.list({})).total).toBe(0);
    expect((await api.approvals.list({ scope: "all" })).total).toBe(1);
    await expect(memberApi.approvals.approve({ id: request.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(api.approvals.approve({ id: request.id })).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("your own approval request") });
    await expect(managerApi.approvals.reject({ id: request.id })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("Say why") });

    await managerApi.approvals.reject({ id: request.id, comment: "Keep it under 12%" });
    const rejectedMail = await smtp.current.waitFor(org.owner.email, /not approved/);
    expect(rejectedMail.text).toContain("Keep it under 12%");
    expect(rejectedMail.text).toContain(`/${org.slug}/proposals/${p.id}`);
    expect((await api.proposals.get({ id: p.id })).status).toBe("draft");
    await expect(managerApi.approvals.approve({ id: request.id })).rejects.toMatchObject({ code: "CONFLICT", message: "This request was already rejected" });

    const again = await api.proposals.submitForApproval({ id: p.id, approverId: manager.id, priority: "high" });
    await expect(api.proposals.submitForApproval({ id: p.id, approverId: member.id })).rejects.toMatchObject({ code: "CONFLICT" });
    await managerApi.approvals.approve({ id: again.id, comment: "OK this once" });
    await smtp.current.waitFor(org.owner.email, /approved:/);
    const approved = await api.proposals.get({ id: p.id });
    expect(approved.status).toBe("approved");
    expect(approved.approvals.map((a) => [a.status, a.comment, a.resolver?.id])).toEqual([["approved", "OK this once", manager.id], ["rejected", "Keep it under 12%", manager.id]]);
    expect((await api.proposals.send({ id: p.id, sentToEmail: "buyer@example.com" })).status).toBe("sent");
    const titles = (await api.opportunities.get({ id: dealId })).timeline.map((e) => e.title);
    expect(titles).toEqual(expect.arrayContaining([
      expect.stringMatching(/submitted for approval to Manager Member/), `Proposal ${p.proposalNumber} rejected by Manager Member: Keep it under 12%`,
      `Proposal ${p.proposalNumber} approved by Manager Member: OK this once`,
    ]));
  });

  it("refuses an approver without the permission, and editing an approved proposal voids its approval", async () => {
    const { org: o, api, dealId } = await setup("prop-approve-2");
    const member = await addMember(o, "Member");
    const manager = await addMember(o, "Manager");
    const p = await api.proposals.create({ opportunityId: dealId, title: "x", lines: [line({ discountPercent: "50" })] });
    await expect(api.proposals.submitForApproval({ id: p.id, approverId: member.id })).rejects.toMatchObject({ code: "NOT_FOUND", message: expect.stringContaining("cannot approve") });
    const r = await api.proposals.submitForApproval({ id: p.id });
    await callerAs(manager, o.slug).approvals.approve({ id: r.id });
    const edited = await api.proposals.update({ id: p.id, values: { title: "x", lines: [line({ discountPercent: "60" })] } });
    expect(edited).toMatchObject({ status: "draft", version: 1 });
    await expect(api.proposals.send({ id: p.id, sentToEmail: "b@example.com" })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("submit it for approval") });
  });
});

describe("proposals: permissions and other organizations", () => {
  it("lets viewers read only, members not keep templates, and hides everything from another organization", async () => {
    const { org, api, dealId } = await setup("prop-perms");
    const other = await setup("prop-perms-other");
    const template = await api.proposalTemplates.create({ name: "Ours" });
    const p = await api.proposals.create({ opportunityId: dealId, title: "Ours", lines: [line({ discountPercent: "90" })] });
    await addMember(org, "Manager");
    const request = await api.proposals.submitForApproval({ id: p.id });
    const viewer = callerAs(await addMember(org, "Viewer"), org.slug);
    expect((await viewer.proposals.list({})).total).toBe(1);
    await expect(viewer.proposals.create({ opportunityId: dealId, title: "No" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(viewer.proposals.update({ id: p.id, values: { title: "No" } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(viewer.proposals.send({ id: p.id, sentToEmail: "a@example.com" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(viewer.approvals.list({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerAs(await addMember(org, "Member"), org.slug).proposalTemplates.create({ name: "Mine" })).rejects.toMatchObject({ code: "FORBIDDEN" });

    const them = other.api;
    await expect(them.proposals.get({ id: p.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(them.proposals.update({ id: p.id, values: { title: "Taken" } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(them.proposalTemplates.get({ id: template.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(them.approvals.approve({ id: request.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(them.proposals.create({ opportunityId: dealId, title: "On their deal" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const product = await api.products.create({ name: "Ours only", unitPrice: "1" });
    await expect(them.proposals.create({ opportunityId: other.dealId, title: "Their product", lines: [{ ...line(), productId: product.id }] })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await them.proposals.list({})).total).toBe(0);
    expect((await them.proposalTemplates.list()).length).toBe(0);
    expect((await them.approvals.list({ scope: "all" })).total).toBe(0);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newToken } from "@/lib/tokens";
import { type TestOrg, callerAs, createOrgWithOwner, ownerPool, uniqueEmail } from "../../../test/helpers/fixtures";
import { linkIn } from "../../../test/helpers/smtp";
import { withTestSmtp } from "../../../test/helpers/smtp-env";
import { answerPublicProposal, openPublicProposal } from "./proposal-public.service";
import { acceptPublicProposalSchema, rejectPublicProposalSchema } from "./proposals.schema";

const line = (over: Record<string, string> = {}) => ({ description: "Consulting day", quantity: "2", unitPrice: "1000", discountPercent: "0", taxRate: "0", ...over });
const client = { ip: "203.0.113.7", userAgent: "client-browser" };

const smtp = withTestSmtp();
beforeAll(() => { process.env.NEXTAUTH_URL = "https://crm.example.com"; });
afterAll(() => { delete process.env.NEXTAUTH_URL; });

/** An org, a deal with a contact who has an email, and a proposal for it. */
async function setup(label: string) {
  const org = await createOrgWithOwner(label);
  const api = callerAs(org.owner, org.slug);
  const email = uniqueEmail(`${label}-client`);
  const contact = await api.contacts.create({ firstName: "Cora", lastName: "Client", email });
  const [pipeline] = await api.pipelines.list();
  const deal = await api.opportunities.create({ pipelineId: pipeline!.id, name: `${label} deal`, value: "2000", contactId: contact.id });
  const p = await api.proposals.create({ opportunityId: deal.id, title: `${label} proposal`, lines: [line()], executiveSummary: "We help." });
  return { org, api, email, dealId: deal.id, p };
}

/** Sends (or re-sends) and returns the token from the email that arrived. */
async function tokenFrom(email: string, nth = 1) {
  const mail = await smtp.current.nthTo(email, nth);
  const link = linkIn(mail, "/p/");
  expect(link.startsWith("https://crm.example.com/p/")).toBe(true);
  return { mail, token: link.split("/p/")[1]! };
}

async function dealOf(org: TestOrg, dealId: string) {
  return callerAs(org.owner, org.slug).opportunities.get({ id: dealId });
}

describe("public proposal link", () => {
  it("send → the client's email has the link → two views counted → accept with a name: accepted, deal Won with stage history, name and IP kept", async () => {
    const { org, api, email, dealId, p } = await setup("pub-accept");
    // No address given: the deal's contact gets it.
    const sent = await api.proposals.send({ id: p.id });
    expect(sent).toMatchObject({ status: "sent", sentToEmail: email });
    const { mail, token } = await tokenFrom(email);
    expect(mail.subject).toContain(p.title);
    expect(mail.text).toContain(p.proposalNumber);
    // Only the hash is stored.
    const stored = await ownerPool().query("SELECT token_hash FROM proposal_links WHERE proposal_id = $1", [p.id]);
    expect(stored.rows).toHaveLength(1);
    expect(stored.rows[0].token_hash).not.toContain(token);

    const first = await openPublicProposal(token, client, { countView: true });
    expect(first).toMatchObject({ state: "open", organization: { name: expect.any(String) }, proposal: { title: p.title, totalAmount: "2000.00", status: "viewed" } });
    expect(first.proposal!.lines).toHaveLength(1);
    expect(JSON.stringify(first)).not.toContain(org.owner.id); // nothing internal about people
    await openPublicProposal(token, client, { countView: true });
    const seen = await api.proposals.get({ id: p.id });
    expect(seen).toMatchObject({ status: "viewed", viewCount: 2 });
    expect(seen.viewedAt).toBeInstanceOf(Date);

    expect(await answerPublicProposal(token, { decision: "accept", fullName: "Cora Client" }, client)).toEqual({ ok: true, status: "accepted" });
    const accepted = await api.proposals.get({ id: p.id });
    expect(accepted).toMatchObject({ status: "accepted", acceptedByName: "Cora Client", decidedIp: "203.0.113.7" });
    const deal = await dealOf(org, dealId);
    expect(deal.status).toBe("won");
    expect(deal.stageHistory.at(-1)).toMatchObject({ toStage: { name: expect.stringMatching(/won/i) }, mover: { fullName: expect.any(String) } });
    expect(deal.timeline.map((e) => e.title)).toEqual(expect.arrayContaining([expect.stringContaining("accepted by Cora Client"), `Won ${deal.name}`]));
    const audit = await api.audit.list({ action: "proposal.accepted" });
    expect(audit.items[0]).toMatchObject({ resourceId: p.id, newValues: { status: "accepted", acceptedByName: "Cora Client", ip: "203.0.113.7" } });

    // Decided: the page shows the decision, no more views, and a second answer is refused.
    const after = await openPublicProposal(token, client, { countView: true });
    expect(after).toMatchObject({ state: "decided", proposal: { status: "accepted", acceptedByName: "Cora Client" } });
    expect((await api.proposals.get({ id: p.id })).viewCount).toBe(2);
    expect(await answerPublicProposal(token, { decision: "reject", reason: "Changed my mind" }, client)).toEqual({ ok: false, message: "This proposal has already been answered." });
  });

  it("reject with a reason: rejected, on the timeline and the audit log, deal still open", async () => {
    const { org, api, dealId, p } = await setup("pub-reject");
    const to = uniqueEmail("pub-reject-other");
    await api.proposals.send({ id: p.id, sentToEmail: to });
    const { token } = await tokenFrom(to);
    expect(await answerPublicProposal(token, { decision: "reject", reason: "Too expensive" }, client)).toEqual({ ok: true, status: "rejected" });
    expect(await api.proposals.get({ id: p.id })).toMatchObject({ status: "rejected", rejectionReason: "Too expensive", decidedIp: "203.0.113.7" });
    const deal = await dealOf(org, dealId);
    expect(deal.status).toBe("open");
    expect(deal.timeline.map((e) => e.title)).toContain(`Proposal ${p.proposalNumber} rejected by the customer: Too expensive`);
    expect((await api.audit.list({ action: "proposal.rejected" })).items[0]).toMatchObject({ resourceId: p.id, newValues: { reason: "Too expensive" } });
    expect(await openPublicProposal(token, client, { countView: true })).toMatchObject({ state: "decided", proposal: { status: "rejected", rejectionReason: "Too expensive" } });
  });

  it("revoked, re-sent (old link dead, new one works), unknown, malformed and expired links get a clear state, never an error", async () => {
    const { org, api, email, p } = await setup("pub-links");
    await api.proposals.send({ id: p.id });
    const { token: first } = await tokenFrom(email, 1);
    await api.proposals.revokeLink({ id: p.id });
    expect(await openPublicProposal(first, client, { countView: true })).toMatchObject({ state: "revoked", proposal: null });
    expect(await answerPublicProposal(first, { decision: "accept", fullName: "Cora Client" }, client)).toMatchObject({ ok: false, message: expect.stringContaining("withdrawn") });
    await expect(api.proposals.revokeLink({ id: p.id })).rejects.toMatchObject({ code: "CONFLICT" });
    // Sending again is refused (it is sent); re-sending issues a new link.
    await expect(api.proposals.send({ id: p.id })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("cannot be marked as sent") });
    await api.proposals.resend({ id: p.id });
    const { token: second } = await tokenFrom(email, 2);
    expect(second).not.toBe(first);
    expect(await openPublicProposal(second, client, { countView: false })).toMatchObject({ state: "open" });
    expect(await openPublicProposal(first, client, { countView: false })).toMatchObject({ state: "revoked" });

    for (const bad of [newToken(32), "short", "../../etc/passwd", "a".repeat(5000), "", null, 42]) {
      expect(await openPublicProposal(bad, client, { countView: true })).toMatchObject({ state: "invalid", organization: null, proposal: null });
      expect(await answerPublicProposal(bad, { decision: "accept", fullName: "X Y" }, client)).toMatchObject({ ok: false });
    }

    // Past valid_until: expired, no answer possible.
    await ownerPool().query("UPDATE proposals SET valid_until = now() - interval '3 days' WHERE id = $1", [p.id]);
    expect(await openPublicProposal(second, client, { countView: true })).toMatchObject({ state: "expired", proposal: { lines: [] } });
    expect(await answerPublicProposal(second, { decision: "accept", fullName: "Cora Client" }, client)).toMatchObject({ ok: false, message: expect.stringContaining("expired") });
    expect((await callerAs(org.owner, org.slug).proposals.get({ id: p.id })).status).toBe("expired");
  });

  it("a revised proposal's old link says so; another organization cannot see or touch the proposal or its links", async () => {
    const { org, api, email, p } = await setup("pub-iso");
    const other = await createOrgWithOwner("pub-iso-other");
    const theirs = callerAs(other.owner, other.slug);
    await api.proposals.send({ id: p.id });
    const { token } = await tokenFrom(email);
    await expect(theirs.proposals.get({ id: p.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(theirs.proposals.links({ id: p.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(theirs.proposals.revokeLink({ id: p.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(theirs.proposals.resend({ id: p.id, sentToEmail: "x@example.com" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await api.proposals.links({ id: p.id })).toHaveLength(1);
    // The owner revises the sent proposal: version 2; the link to version 1 now says "revised".
    await api.proposals.update({ id: p.id, values: { title: "Revised", lines: [line({ quantity: "3" })] } });
    expect(await openPublicProposal(token, client, { countView: true })).toMatchObject({ state: "replaced", proposal: null });
    expect(org.slug).not.toBe(other.slug);
  });

  it("two answers at once: one wins, the other is told it was already answered; the deal is won once", async () => {
    const { org, api, email, dealId, p } = await setup("pub-race");
    await api.proposals.send({ id: p.id });
    const { token } = await tokenFrom(email);
    const results = await Promise.all([
      answerPublicProposal(token, { decision: "accept", fullName: "First Person" }, client),
      answerPublicProposal(token, { decision: "accept", fullName: "Second Person" }, client),
      answerPublicProposal(token, { decision: "reject", reason: "No" }, client),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, message: "This proposal has already been answered." }, { ok: false, message: "This proposal has already been answered." }]);
    const deal = await dealOf(org, dealId);
    expect(deal.stageHistory.filter((h) => h.toStage?.name.match(/won/i))).toHaveLength(results[0]!.ok || results[1]!.ok ? 1 : 0);
  });

  it("validates the client's answer naming the field", () => {
    const token = newToken(32);
    const noName = acceptPublicProposalSchema.safeParse({ token, fullName: " " });
    expect(noName.success ? null : noName.error.issues[0]).toMatchObject({ path: ["fullName"], message: "Type your full name to accept" });
    const longName = acceptPublicProposalSchema.safeParse({ token, fullName: "x".repeat(201) });
    expect(longName.success ? null : longName.error.issues[0]).toMatchObject({ path: ["fullName"] });
    const noReason = rejectPublicProposalSchema.safeParse({ token, reason: "" });
    expect(noReason.success ? null : noReason.error.issues[0]).toMatchObject({ path: ["reason"], message: "Tell us why you decline" });
    const badToken = acceptPublicProposalSchema.safeParse({ token: "<script>", fullName: "Ann Lee" });
    expect(badToken.success ? null : badToken.error.issues[0]).toMatchObject({ path: ["token"], message: "This link is not valid" });
    expect(acceptPublicProposalSchema.safeParse({ token, fullName: "  Ann Lee " })).toMatchObject({ success: true, data: { fullName: "Ann Lee" } });
  });
});

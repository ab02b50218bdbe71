import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestOrg, addMember, callerAs, createOrgWithOwner, ownerPool, uniqueEmail } from "../../../test/helpers/fixtures";
import { linkIn } from "../../../test/helpers/smtp";
import { withTestSmtp } from "../../../test/helpers/smtp-env";
import { answerPublicProposal } from "@/features/proposals/proposal-public.service";
import { readPdf } from "../../../test/helpers/pdf";
import { renderContractPdfFile } from "./contract-pdf.service";
import { openPublicContract, signPublicContract, withPublicContract } from "./contract-public.service";
import { contractDocument } from "./contract-pdf.service";
import { runContractRenewals } from "./contract-renewals.job";
import { clientSignSchema, contractFieldsSchema } from "./contracts.schema";
import { addDays, buildSchedule } from "./payment-schedule";
import { formatIsoDay } from "@/lib/dates";

const year = new Date().getUTCFullYear();
const today = new Date().toISOString().slice(0, 10);
const client = { ip: "203.0.113.9", userAgent: "client-browser" };
// A 1×1 PNG, as a signature pad's toDataURL("image/png") would send.
const PNG = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

const smtp = withTestSmtp();
beforeAll(() => { process.env.NEXTAUTH_URL = "https://crm.example.com"; });
afterAll(() => { delete process.env.NEXTAUTH_URL; });

/** An org with a deal whose contact has an email, and that deal's proposal accepted by the client. */
async function setup(label: string) {
  const org = await createOrgWithOwner(label);
  const api = callerAs(org.owner, org.slug);
  const email = uniqueEmail(`${label}-client`);
  const company = await api.companies.create({ name: `${label} Buyer Ltd` });
  const contact = await api.contacts.create({ firstName: "Cora", lastName: "Client", email });
  const [pipeline] = await api.pipelines.list();
  const deal = await api.opportunities.create({ pipelineId: pipeline!.id, name: `${label} deal`, value: "12000", contactId: contact.id, companyId: company.id });
  const lines = [{ description: "Licence", quantity: "3", unitPrice: "19.99", discountPercent: "7.5", taxRate: "8.25" }, { description: "Setup", quantity: "1", unitPrice: "1000", discountPercent: "0", taxRate: "0" }];
  const p = await api.proposals.create({ opportunityId: deal.id, title: `${label} proposal`, lines, termsAndConditions: "Net 30. Governing law: Delaware." });
  return { org, api, email, dealId: deal.id, p };
}

async function accept(s: Awaited<ReturnType<typeof setup>>) {
  await s.api.proposals.send({ id: s.p.id });
  const mail = await smtp.current.waitFor(s.email, /proposal/);
  const token = linkIn(mail, "/p/").split("/p/")[1]!;
  expect(await answerPublicProposal(token, { decision: "accept", fullName: "Cora Client" }, client)).toEqual({ ok: true, status: "accepted" });
}

async function contractFromProposal(s: Awaited<ReturnType<typeof setup>>, over: Partial<Record<string, unknown>> = {}) {
  const d = await s.api.contracts.defaults({ proposalId: s.p.id });
  return s.api.contracts.create({ opportunityId: d.opportunityId, proposalId: d.proposalId, values: { ...d.values, ...over } as never });
}

async function signingToken(email: string) {
  const mail = await smtp.current.waitFor(email, /contract to sign/);
  const link = linkIn(mail, "/c/");
  expect(link.startsWith("https://crm.example.com/c/")).toBe(true);
  return link.split("/c/")[1]!;
}

/** An active contract (no client signature needed, countersigned), then moved in time with the owner connection. */
async function activeContract(org: TestOrg, dealId: string, dates: { start: string; end: string }, autoRenew: boolean, title = "Support plan") {
  const api = callerAs(org.owner, org.slug);
  const c = await api.contracts.create({
    opportunityId: dealId,
    values: { title, type: "subscription", startDate: today, endDate: addDays(today, 365), autoRenew, totalValue: "1200", clientSignatureRequired: false,
      paymentSchedule: buildSchedule("1200.00", 4, today, "quarterly"), renewalTerms: autoRenew ? "Renews yearly at the same price" : null },
  });
  await api.contracts.sendForSignature({ id: c.id });
  await api.contracts.countersign({ id: c.id, fullName: "Olive Owner", agree: true, signature: { method: "typed" } });
  await ownerPool().query("UPDATE contracts SET start_date = $2, end_date = $3 WHERE id = $1", [c.id, dates.start, dates.end]);
  return c;
}

describe("contracts: creating", () => {
  it("starts from an accepted proposal: its value, currency and terms, one per proposal, numbered C-YYYY-NNNN", async () => {
    const s = await setup("ct-from-proposal");
    await expect(s.api.contracts.defaults({ proposalId: s.p.id })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("not accepted") });
    await accept(s);
    const d = await s.api.contracts.defaults({ proposalId: s.p.id });
    // 3 × 19.99 = 59.97, −7.5% = 4.50 → 55.47, +8.25% tax = 4.58 → 60.05; + 1000.00 = 1060.05
    expect(s.p.totalAmount).toBe("1060.05");
    expect(d.values).toMatchObject({ title: s.p.title, totalValue: "1060.05", currency: "USD", body: "Net 30. Governing law: Delaware.", paymentSchedule: [{ amount: "1060.05", dueDate: today }] });
    expect((await s.api.proposals.list({ status: "accepted", withoutContract: true })).items.map((p) => p.id)).toEqual([s.p.id]);
    const c = await contractFromProposal(s, { paymentSchedule: buildSchedule("1060.05", 3, today, "monthly") });
    expect((await s.api.proposals.list({ status: "accepted", withoutContract: true })).total).toBe(0);
    expect(c).toMatchObject({ contractNumber: `C-${year}-0001`, status: "draft", totalValue: "1060.05", proposal: { id: s.p.id }, opportunity: { company: { name: "ct-from-proposal Buyer Ltd" } } });
    expect(c.paymentSchedule.map((i) => i.amount)).toEqual(["353.35", "353.35", "353.35"]);
    // The contract, the proposal and the database agree to the cent.
    const { rows: [db] } = await ownerPool().query<{ total_value: string; total_amount: string; schedule: string }>(
      "SELECT c.total_value::text, p.total_amount::text, parley_schedule_total(c.payment_schedule)::text AS schedule FROM contracts c JOIN proposals p ON p.id = c.proposal_id WHERE c.id = $1", [c.id]);
    expect(db).toEqual({ total_value: "1060.05", total_amount: "1060.05", schedule: "1060.05" });
    await expect(contractFromProposal(s)).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining(`already has contract C-${year}-0001`) });
    expect((await s.api.opportunities.get({ id: s.dealId })).timeline.map((e) => e.title)).toContain(`Contract C-${year}-0001 created from proposal ${s.p.proposalNumber} ($1,060.05)`);
  });

  it("is made straight from a deal too, and numbers run without gaps under concurrency", async () => {
    const s = await setup("ct-numbers");
    const d = await s.api.contracts.defaults({ opportunityId: s.dealId });
    expect(d.values).toMatchObject({ title: "ct-numbers deal", totalValue: "12000.00" });
    const manager = callerAs(await addMember(s.org, "Manager"), s.org.slug);
    const made = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? manager : s.api).contracts.create({ opportunityId: s.dealId, values: { ...d.values, title: `Contract ${i}` } as never })));
    expect(made.map((c) => c.contractNumber).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `C-${year}-${String(i + 1).padStart(4, "0")}`));
    // Proposals keep their own sequence.
    expect(s.p.proposalNumber).toBe(`P-${year}-0001`);
  });

  it("refuses a schedule that does not add up, an end before the start, naming the field; the table refuses it too", async () => {
    const s = await setup("ct-invalid");
    const base = (await s.api.contracts.defaults({ opportunityId: s.dealId })).values;
    await expect(s.api.contracts.create({ opportunityId: s.dealId, values: { ...base, totalValue: "1000", paymentSchedule: [{ dueDate: today, amount: "333.33" }, { dueDate: today, amount: "333.33" }, { dueDate: today, amount: "333.33" }] } as never }))
      .rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("0.01 short of the total value") });
    const parsed = contractFieldsSchema.safeParse({ ...base, endDate: base.startDate, autoRenew: true });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => [i.path.join("."), i.message])).toContainEqual(["endDate", "The end date must be after the start date"]);
    expect(contractFieldsSchema.safeParse({ ...base, paymentSchedule: [] }).error!.issues[0]).toMatchObject({ path: ["paymentSchedule"], message: "Add at least one instalment" });
    expect(contractFieldsSchema.safeParse({ ...base, startDate: "2026-02-30" }).error!.issues[0]).toMatchObject({ path: ["startDate"] });
    expect(contractFieldsSchema.safeParse({ ...base, endDate: "2027-02-31" }).error!.issues[0]).toMatchObject({ path: ["endDate"], message: "End date: that date does not exist" });
    expect(contractFieldsSchema.parse({ ...base, endDate: "" }).endDate).toBeNull();
    const c = await s.api.contracts.create({ opportunityId: s.dealId, values: base as never });
    await expect(ownerPool().query("UPDATE contracts SET total_value = total_value + 0.01 WHERE id = $1", [c.id])).rejects.toThrow(/check constraint/);
    const count = await ownerPool().query("SELECT count(*)::int AS n FROM contracts WHERE organization_id = $1", [s.org.orgId]);
    expect(count.rows[0].n).toBe(1);
  });
});

describe("contracts: signing", () => {
  it("send → the client signs by drawing through the emailed link (name, time, IP kept) → a manager countersigns → active", async () => {
    const s = await setup("ct-sign");
    await accept(s);
    const c = await contractFromProposal(s);
    const sent = await s.api.contracts.sendForSignature({ id: c.id });
    expect(sent).toMatchObject({ status: "pending_signature", sentToEmail: s.email, documentHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    // Frozen: no edits while out for signature.
    await expect(s.api.contracts.update({ id: c.id, values: { ...(await s.api.contracts.defaults({ opportunityId: s.dealId })).values } as never }))
      .rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("withdraw it from signature first") });
    const token = await signingToken(s.email);
    const stored = await ownerPool().query("SELECT token_hash FROM contract_links WHERE contract_id = $1", [c.id]);
    expect(stored.rows[0].token_hash).not.toContain(token);

    // Renaming the organization or the client's company now changes nothing that was sent.
    await ownerPool().query("UPDATE organizations SET name = 'Renamed Inc' WHERE id = $1", [s.org.orgId]);
    await ownerPool().query("UPDATE companies SET name = 'Renamed Buyer' WHERE organization_id = $1", [s.org.orgId]);
    const page = await openPublicContract(token, client);
    expect(page).toMatchObject({ state: "open", contract: { contractNumber: c.contractNumber, totalValue: "1060.05", documentHash: sent.documentHash, clientName: "ct-sign Buyer Ltd" } });
    expect(JSON.stringify(page)).not.toContain(s.org.owner.id);
    // Every view is counted; the first is kept, and lands on the deal's timeline once.
    const first = (await s.api.contracts.links({ id: c.id }))[0]!;
    expect(first).toMatchObject({ viewCount: 1, viewedAt: expect.any(Date) });
    await openPublicContract(token, client);
    const again = (await s.api.contracts.links({ id: c.id }))[0]!;
    expect(again).toMatchObject({ viewCount: 2, viewedAt: first.viewedAt });
    expect(again.lastViewedAt!.getTime()).toBeGreaterThanOrEqual(first.viewedAt!.getTime());
    const opened = (await s.api.opportunities.get({ id: s.dealId })).timeline.filter((e) => e.title.startsWith(`Contract ${c.contractNumber} opened by the client`));
    expect(opened).toHaveLength(1);

    const input = clientSignSchema.parse({ token, fullName: "Cora Client", email: "", agree: true, signature: { method: "drawn", image: PNG } });
    expect(await signPublicContract(input, client)).toEqual({ ok: true, status: "pending_signature" });
    const owed = await s.api.contracts.get({ id: c.id });
    expect(owed).toMatchObject({ clientSignedBy: "Cora Client", clientSignatureIp: "203.0.113.9", clientSignatureMethod: "drawn", clientSignatureEmail: s.email, awaiting: { client: false, internal: true } });
    await smtp.current.waitFor(s.org.owner.email, /countersign/);
    const image = await ownerPool().query("SELECT client_signature_image FROM contracts WHERE id = $1", [c.id]);
    expect(Buffer.from(image.rows[0].client_signature_image).subarray(1, 4).toString()).toBe("PNG");
    expect(await signPublicContract(input, client)).toEqual({ ok: false, message: "This contract has already been signed." });

    // A Member cannot countersign; a Manager can.
    const member = callerAs(await addMember(s.org, "Member"), s.org.slug);
    await expect(member.contracts.countersign({ id: c.id, fullName: "Mo Member", agree: true, signature: { method: "typed" } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const manager = callerAs(await addMember(s.org, "Manager"), s.org.slug);
    const active = await manager.contracts.countersign({ id: c.id, fullName: "Mia Manager", agree: true, signature: { method: "typed" } });
    expect(active).toMatchObject({ status: "active", internalSignerName: "Mia Manager", internalSignatureMethod: "typed", activatedAt: expect.any(Date) });
    expect(await openPublicContract(token, client)).toMatchObject({ state: "signed", contract: { status: "active", clientSignedBy: "Cora Client", internalSignerName: "Mia Manager" } });
    const titles = (await s.api.opportunities.get({ id: s.dealId })).timeline.map((e) => e.title);
    expect(titles).toEqual(expect.arrayContaining([`Contract ${c.contractNumber} signed by Cora Client for the client`, `Contract ${c.contractNumber} countersigned by Mia Manager`, expect.stringContaining(`Contract ${c.contractNumber} is active`)]));
    expect((await s.api.audit.list({ action: "contract.client_signed" })).items[0]).toMatchObject({ resourceId: c.id, details: { ip: "203.0.113.9" } });
    await expect(s.api.contracts.withdraw({ id: c.id })).rejects.toMatchObject({ code: "CONFLICT" });

    // The signed PDF: the stored value and schedule as printed, and a certificate naming both signers with the hash.
    const file = await renderContractPdfFile(await manager.contracts.pdfData({ id: c.id }));
    expect(file.filename).toBe(`${c.contractNumber}-signed.pdf`);
    const pdf = await readPdf(file.body);
    const certificate = pdf.pages.at(-1)!.text;
    expect(certificate).toContain("Signature certificate");
    expect(certificate.replace(/\s/g, "")).toContain(sent.documentHash);
    for (const expected of ["Cora Client", "203.0.113.9", "Mia Manager", "Drawn", "Typed"]) expect(certificate).toContain(expected);
    expect(pdf.text).toContain("$1,060.05");
    expect(pdf.pages.some((page) => page.images > 0)).toBe(true); // the drawn signature
    // Both parties are mailed the signed copy: the owner, and the client at the address they signed with.
    for (const [to, subject] of [[s.org.owner.email, /is signed and active/], [s.email, /Your signed copy/]] as const) {
      const mail = await smtp.current.waitFor(to, subject);
      expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([[`${c.contractNumber}-signed.pdf`, "application/pdf"]]);
      const copy = await readPdf(mail.attachments[0]!.content);
      expect(copy.pages.at(-1)!.text.replace(/\s/g, "")).toContain(sent.documentHash);
      expect(copy.text).toContain("Mia Manager");
    }
    // The client downloads the same signed copy through their link.
    const theirs = await withPublicContract(token, client, contractDocument);
    expect(theirs).toMatchObject({ documentHash: sent.documentHash, signatures: [{ party: "client", name: "Cora Client" }, { party: "internal", name: "Mia Manager" }] });

    const ended = await s.api.contracts.terminate({ id: c.id, reason: "Client went out of business" });
    expect(ended).toMatchObject({ status: "terminated", terminationReason: "Client went out of business" });
  });

  it("withdrawing voids the signatures and the link; terms changed behind the app are refused at signing", async () => {
    const s = await setup("ct-withdraw");
    const base = (await s.api.contracts.defaults({ opportunityId: s.dealId })).values;
    const c = await s.api.contracts.create({ opportunityId: s.dealId, values: base as never });
    await s.api.contracts.sendForSignature({ id: c.id });
    const token = await signingToken(s.email);
    await s.api.contracts.countersign({ id: c.id, fullName: "Olive Owner", agree: true, signature: { method: "drawn", image: PNG } });
    const back = await s.api.contracts.withdraw({ id: c.id });
    expect(back).toMatchObject({ status: "draft", documentHash: null, internalSignedAt: null, awaiting: { client: true, internal: true } });
    expect(await openPublicContract(token, client)).toMatchObject({ state: "withdrawn", contract: null });
    const sign = (t: string) => signPublicContract(clientSignSchema.parse({ token: t, fullName: "Cora Client", agree: true, signature: { method: "typed" } }), client);
    expect(await sign(token)).toMatchObject({ ok: false, message: expect.stringContaining("withdrawn") });

    // Edited, sent again: a new link; then the body is changed behind the app's back.
    await s.api.contracts.update({ id: c.id, values: { ...base, body: "Revised terms" } as never });
    await s.api.contracts.sendForSignature({ id: c.id });
    const fresh = (await smtp.current.received.filter((m) => m.to.includes(s.email) && /contract to sign/.test(m.subject))).at(-1)!;
    const second = linkIn(fresh, "/c/").split("/c/")[1]!;
    expect(second).not.toBe(token);
    await ownerPool().query("UPDATE contracts SET body = 'Something else' WHERE id = $1", [c.id]);
    expect(await sign(second)).toMatchObject({ ok: false, message: expect.stringContaining("no longer match") });
    expect((await s.api.contracts.get({ id: c.id })).clientSignedAt).toBeNull();
  });

  it("refuses bad signatures and unknown links without an error", async () => {
    const bad = [
      { token: "x".repeat(43), fullName: "C", agree: true, signature: { method: "typed" } },
      { token: "x".repeat(43), fullName: "Cora Client", agree: false, signature: { method: "typed" } },
      { token: "x".repeat(43), fullName: "Cora Client", agree: true, signature: { method: "drawn", image: "data:image/jpeg;base64,/9j/4AAQ" } },
      { token: "x".repeat(43), fullName: "Cora Client", agree: true, signature: { method: "drawn", image: `data:image/png;base64,iVBORw0KGgo${"A".repeat(400_000)}` } },
    ];
    const messages = bad.map((b) => clientSignSchema.safeParse(b).error!.issues[0]!.message);
    expect(messages).toEqual(["Type your full name to sign", "Tick the box to agree to sign electronically", "Draw your signature", "That signature image is too large"]);
    for (const token of ["x".repeat(43), "short", "../../etc", null]) expect(await openPublicContract(token, client)).toEqual({ state: "invalid", organization: null, contract: null });
    expect(await signPublicContract(clientSignSchema.parse({ token: "y".repeat(43), fullName: "Cora", agree: true, signature: { method: "typed" } }), client)).toEqual({ ok: false, message: "This link is not valid." });
  });
});

describe("contracts: renewals job", () => {
  it("reminds the owner once 30 days before the end, renews auto-renewing contracts, expires the rest", async () => {
    const s = await setup("ct-renew");
    const soon = await activeContract(s.org, s.dealId, { start: addDays(today, -340), end: addDays(today, 20) }, false, "Ends soon");
    const later = await activeContract(s.org, s.dealId, { start: addDays(today, -300), end: addDays(today, 60) }, false, "Ends later");
    const renewing = await activeContract(s.org, s.dealId, { start: "2025-01-01", end: addDays(today, -1) }, true, "Auto renews");
    const ending = await activeContract(s.org, s.dealId, { start: "2025-01-01", end: addDays(today, -1) }, false, "Just ends");
    const other = await setup("ct-renew-other");
    const theirs = await activeContract(other.org, other.dealId, { start: addDays(today, -340), end: addDays(today, 10) }, false, "Theirs");

    const run = await runContractRenewals();
    expect(run.failed).toBe(0);
    const get = (id: string) => s.api.contracts.get({ id });
    expect((await get(soon.id)).renewalReminderSentAt).toBeInstanceOf(Date);
    expect((await get(later.id)).renewalReminderSentAt).toBeNull();
    expect(await get(ending.id)).toMatchObject({ status: "expired" });
    const old = await get(renewing.id);
    expect(old).toMatchObject({ status: "renewed", renewal: { contractNumber: expect.stringMatching(/^C-/) } });
    const renewal = await get(old.renewal!.id);
    expect(renewal).toMatchObject({ status: "active", renewedFrom: { id: renewing.id }, startDate: today, totalValue: "1200.00", autoRenew: true, renewalTerms: "Renews yearly at the same price" });
    expect(renewal.paymentSchedule.map((i) => i.amount)).toEqual(["300.00", "300.00", "300.00", "300.00"]);
    // Its PDF says what it rests on, instead of offering blank lines to sign.
    const renewalPdf = await readPdf((await renderContractPdfFile(await s.api.contracts.pdfData({ id: renewal.id }))).body);
    expect(renewalPdf.text.replace(/\s+/g, " ")).toContain(`This contract renews ${renewing.contractNumber} under the automatic renewal terms both parties signed there`);
    expect(renewalPdf.text).not.toMatch(/^Signatures$/m);
    expect((await callerAs(other.org.owner, other.org.slug).contracts.get({ id: theirs.id })).renewalReminderSentAt).toBeInstanceOf(Date);
    const reminder = await smtp.current.waitFor(s.org.owner.email, /ends in 20 days/);
    expect(reminder.text).toContain("Ends soon");
    await smtp.current.waitFor(s.org.owner.email, /has expired/);

    // The list's "ending within" filter: active contracts ending soon; with another status, nothing.
    const ending30 = await s.api.contracts.list({ endingWithinDays: 30 });
    expect(ending30.items.map((c) => c.id)).toEqual([soon.id]);
    expect((await s.api.contracts.list({ endingWithinDays: 90 })).items.map((c) => c.id).sort()).toEqual([soon.id, later.id].sort());
    expect((await s.api.contracts.list({ endingWithinDays: 30, status: "draft" })).total).toBe(0);
    expect((await s.api.contracts.list({ status: "expired" })).items.map((c) => c.id)).toEqual([ending.id]);

    // Run again: nothing twice (one reminder, one renewal).
    const again = await runContractRenewals();
    expect((await ownerPool().query("SELECT count(*)::int AS n FROM contracts WHERE renewed_from_id = $1", [renewing.id])).rows[0].n).toBe(1);
    expect(smtp.current.received.filter((m) => m.to.includes(s.org.owner.email) && /ends in 20 days/.test(m.subject))).toHaveLength(1);
    expect(again.failed).toBe(0);
    const titles = (await s.api.opportunities.get({ id: s.dealId })).timeline.map((e) => e.title);
    expect(titles).toEqual(expect.arrayContaining([expect.stringContaining(`Contract ${soon.contractNumber} ends on`), expect.stringContaining(`Contract ${renewing.contractNumber} renewed as`), `Contract ${ending.contractNumber} expired on ${formatIsoDay(addDays(today, -1))}`]));
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { type TestOrg, addMember, callerAs, createOrgWithOwner, ownerPool } from "../../../test/helpers/fixtures";
import { interactionsExport } from "./interactions.export";

// One organization with a known spread of interactions (every type, both directions, each
// sentiment, planned, overdue and done, logged by two people, across 2025), and another
// organization whose interactions reuse the same words so any leak would show in a search.

type Api = ReturnType<typeof callerAs>;
let org: TestOrg;
let api: Api;
let rep: { id: string; email: string };
let other: TestOrg;
const ids: Record<string, string> = {};
const theirIds: string[] = [];
let leadId: string;
let companyId: string;
let contactId: string;
let dealId: string;

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const POSITIVE = "They were thrilled with the demo and love the pricing. Great call, excited to move forward.";
const NEGATIVE = "Terrible experience, we are disappointed and angry about the delays.";

async function arrange() {
  org = await createOrgWithOwner("acts");
  api = callerAs(org.owner, org.slug);
  rep = await addMember(org, "Member");
  const repApi = callerAs(rep, org.slug);
  const lead = await api.leads.create({ companyName: "Acme Rockets" });
  leadId = lead.id;
  companyId = (await api.companies.create({ name: "Globex" })).id;
  contactId = (await api.contacts.create({ firstName: "Hank", lastName: "Scorpio" })).id;
  const [pipeline] = await api.pipelines.list();
  dealId = (await api.opportunities.create({ pipelineId: pipeline!.id, name: "Globex rollout", companyId })).id;

  // A time in the past makes a logged (done) interaction that happened then.
  ids.call = (await api.interactions.log({ leadId, type: "call", subject: "Discovery call", callTranscript: POSITIVE, callDurationMinutes: 25, scheduledFor: "2025-03-10T10:00:00.000Z" })).id;
  ids.email = (await api.interactions.log({ companyId, type: "email", direction: "inbound", subject: "Pricing question", content: NEGATIVE, emailOpened: true, scheduledFor: "2025-04-02T09:00:00.000Z" })).id;
  ids.note = (await api.interactions.log({ contactId, type: "note", summary: "Budget review next quarter", content: "Discussed the schedule for the budget review.", scheduledFor: "2025-05-20T15:30:00.000Z" })).id;
  ids.meeting = (await api.interactions.log({ opportunityId: dealId, type: "meeting", subject: "Quarterly review", meetingLocation: "Room 4", meetingAttendees: "hank@globex.example, Marge", meetingDuration: 45, scheduledFor: inDays(7) })).id;
  ids.sms = (await repApi.interactions.log({ opportunityId: dealId, type: "sms", subject: "Reminder text 100%", scheduledFor: "2025-06-01T08:00:00.000Z" })).id;
  // Planned for tomorrow, then its time passes without anyone marking it done.
  ids.missed = (await repApi.interactions.log({ leadId, type: "call", subject: "Follow-up call", scheduledFor: inDays(1) })).id;
  await ownerPool().query("UPDATE interactions SET scheduled_for = '2025-01-15T12:00:00Z', occurred_at = '2025-01-15T12:00:00Z' WHERE id = $1", [ids.missed]);

  other = await createOrgWithOwner("acts-other");
  const theirs = callerAs(other.owner, other.slug);
  const theirLead = await theirs.leads.create({ companyName: "Acme Rockets" });
  theirIds.push((await theirs.interactions.log({ leadId: theirLead.id, type: "call", subject: "Discovery call", callTranscript: POSITIVE, scheduledFor: "2025-03-10T10:00:00.000Z" })).id);
  theirIds.push((await theirs.interactions.log({ leadId: theirLead.id, type: "meeting", subject: "Quarterly review", scheduledFor: inDays(7) })).id);
}

beforeAll(arrange);

const idsOf = (page: { items: { id: string }[] }) => page.items.map((i) => i.id);

describe("interactions.browse", () => {
  it("lists every interaction newest first (planned ones ahead), pages with stable ids, and never another org's", async () => {
    const all = await api.interactions.browse({});
    expect(all.total).toBe(6);
    expect(idsOf(all)).toEqual([ids.meeting, ids.sms, ids.note, ids.email, ids.call, ids.missed]);
    expect(idsOf(all).some((id) => theirIds.includes(id))).toBe(false);
    const first = await api.interactions.browse({ pageSize: 4 });
    const second = await api.interactions.browse({ pageSize: 4, page: 2 });
    expect(first).toMatchObject({ total: 6, pageCount: 2, page: 1, pageSize: 4 });
    expect([...idsOf(first), ...idsOf(second)]).toEqual(idsOf(all));
    expect((await api.interactions.browse({ page: 50 })).items).toEqual([]);
    // The other organization sees only its own, even when searching for the same words.
    const theirs = await callerAs(other.owner, other.slug).interactions.browse({ search: "review" });
    expect(idsOf(theirs)).toEqual([theirIds[1]]);
  });

  it("each row says what it is, where it lives and who logged it", async () => {
    const { items } = await api.interactions.browse({ search: "discovery" });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      type: "call", subject: "Discovery call", sentiment: "positive", state: "done", callDuration: 1500,
      initiator: { id: org.owner.id }, lead: { id: leadId, company: { name: "Acme Rockets" } },
    });
    // A lead's company is filled in too; the list shows the lead first (see record-refs).
    expect(items[0]!.company?.name).toBe("Acme Rockets");
    const sms = (await api.interactions.browse({ type: "sms" })).items[0]!;
    expect(sms).toMatchObject({ opportunity: { id: dealId, name: "Globex rollout" }, initiator: { id: rep.id } });
  });

  it("sorts by when, type and subject, both ways", async () => {
    expect(idsOf(await api.interactions.browse({ sort: "occurredAt", dir: "asc" }))).toEqual([ids.missed, ids.call, ids.email, ids.note, ids.sms, ids.meeting]);
    const byType = await api.interactions.browse({ sort: "type", dir: "asc" });
    expect(byType.items.map((i) => i.type)).toEqual(["call", "call", "email", "meeting", "note", "sms"]);
    // Same type: newest first.
    expect(idsOf(byType).slice(0, 2)).toEqual([ids.call, ids.missed]);
    expect((await api.interactions.browse({ sort: "type", dir: "desc" })).items.map((i) => i.type)).toEqual(["sms", "note", "meeting", "email", "call", "call"]);
    const bySubject = await api.interactions.browse({ sort: "subject", dir: "asc" });
    expect(bySubject.items.map((i) => i.subject)).toEqual(["Discovery call", "Follow-up call", "Pricing question", "Quarterly review", "Reminder text 100%", null]);
    // No subject stays last either way.
    expect((await api.interactions.browse({ sort: "subject", dir: "desc" })).items.map((i) => i.subject)).toEqual(["Reminder text 100%", "Quarterly review", "Pricing question", "Follow-up call", "Discovery call", null]);
  });

  it("filters by type, direction, sentiment and who logged it", async () => {
    expect(idsOf(await api.interactions.browse({ type: "call" }))).toEqual([ids.call, ids.missed]);
    expect(idsOf(await api.interactions.browse({ type: "note" }))).toEqual([ids.note]);
    expect(idsOf(await api.interactions.browse({ direction: "inbound" }))).toEqual([ids.email]);
    expect((await api.interactions.browse({ direction: "outbound" })).total).toBe(5);
    expect(idsOf(await api.interactions.browse({ sentiment: "positive" }))).toEqual([ids.call]);
    expect(idsOf(await api.interactions.browse({ sentiment: "negative" }))).toEqual([ids.email]);
    expect(idsOf(await api.interactions.browse({ sentiment: "neutral" }))).toEqual([ids.note]);
    expect(idsOf(await api.interactions.browse({ initiatedBy: "me" }))).toEqual([ids.meeting, ids.note, ids.email, ids.call]);
    expect(idsOf(await api.interactions.browse({ initiatedBy: rep.id }))).toEqual([ids.sms, ids.missed]);
    expect(idsOf(await callerAs(rep, org.slug).interactions.browse({ initiatedBy: "me" }))).toEqual([ids.sms, ids.missed]);
    // Someone from another organization logged nothing here.
    expect((await api.interactions.browse({ initiatedBy: other.owner.id })).total).toBe(0);
    expect(idsOf(await api.interactions.browse({ type: "call", initiatedBy: "me" }))).toEqual([ids.call]);
  });

  it("filters planned, overdue and done", async () => {
    expect(idsOf(await api.interactions.browse({ status: "planned" }))).toEqual([ids.meeting]);
    expect(idsOf(await api.interactions.browse({ status: "overdue" }))).toEqual([ids.missed]);
    expect(idsOf(await api.interactions.browse({ status: "done" }))).toEqual([ids.sms, ids.note, ids.email, ids.call]);
    const states = Object.fromEntries((await api.interactions.browse({})).items.map((i) => [i.id, i.state]));
    expect(states).toEqual({ [ids.meeting!]: "planned", [ids.missed!]: "overdue", [ids.sms!]: "done", [ids.note!]: "done", [ids.email!]: "done", [ids.call!]: "done" });
  });

  it("filters by a date range on when it happened, both ends inclusive (UTC days)", async () => {
    expect(idsOf(await api.interactions.browse({ from: "2025-03-10", to: "2025-05-20" }))).toEqual([ids.note, ids.email, ids.call]);
    expect(idsOf(await api.interactions.browse({ from: "2025-03-11", to: "2025-05-19" }))).toEqual([ids.email]);
    expect(idsOf(await api.interactions.browse({ from: "2025-06-01" }))).toEqual([ids.meeting, ids.sms]);
    expect(idsOf(await api.interactions.browse({ to: "2025-01-15" }))).toEqual([ids.missed]);
    expect(idsOf(await api.interactions.browse({ from: "2025-04-02", to: "2025-04-02" }))).toEqual([ids.email]);
    // Blank dates, as an empty form field sends them, mean no bound.
    expect((await api.interactions.browse({ from: "", to: "" })).total).toBe(6);
  });

  it("searches subject and summary, ignoring case, with wildcard characters taken literally", async () => {
    expect(idsOf(await api.interactions.browse({ search: "REVIEW" }))).toEqual([ids.meeting, ids.note]);
    expect(idsOf(await api.interactions.browse({ search: "budget" }))).toEqual([ids.note]);
    expect(idsOf(await api.interactions.browse({ search: "100%" }))).toEqual([ids.sms]);
    expect((await api.interactions.browse({ search: "%" })).total).toBe(1);
    expect((await api.interactions.browse({ search: "_" })).total).toBe(0);
    expect((await api.interactions.browse({ search: "\\" })).total).toBe(0);
    // Words only in the notes body are not searched.
    expect((await api.interactions.browse({ search: "schedule for the" })).total).toBe(0);
  });

  it("refuses bad input with a 400, never a 500", async () => {
    const bad = [
      { pageSize: 101 }, { page: 0 }, { sort: "content" }, { dir: "up" }, { type: "fax" }, { status: "maybe" }, { sentiment: "ecstatic" },
      { initiatedBy: "someone" }, { from: "2025-02-30" }, { from: "0000-01-01" }, { to: "31/01/2025" }, { from: "2025-06-01", to: "2025-05-01" },
      { search: "x".repeat(201) },
    ];
    for (const input of bad) {
      await expect(api.interactions.browse(input as never), JSON.stringify(input)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    }
    // The far ends of the calendar are fine.
    expect((await api.interactions.browse({ from: "0001-01-01", to: "9999-12-31" })).total).toBe(6);
  });
});

describe("interactions.get", () => {
  it("returns every field and the records it is on", async () => {
    const call = await api.interactions.get({ id: ids.call! });
    expect(call).toMatchObject({
      type: "call", direction: "outbound", subject: "Discovery call", callDuration: 1500, callTranscript: POSITIVE,
      sentiment: "positive", state: "done", initiator: { id: org.owner.id, fullName: expect.any(String) },
      participatedUsers: [org.owner.id], lead: { id: leadId }, company: { name: "Acme Rockets" }, contact: null, opportunity: null,
    });
    expect(Number(call.sentimentScore)).toBeGreaterThan(0);
    expect(call.scheduledFor?.toISOString()).toBe("2025-03-10T10:00:00.000Z");
    expect(call.completedAt).not.toBeNull();
    const meeting = await api.interactions.get({ id: ids.meeting! });
    expect(meeting).toMatchObject({ state: "planned", completedAt: null, meetingLocation: "Room 4", meetingDuration: 45, meetingAttendees: ["hank@globex.example", "Marge"], opportunity: { id: dealId } });
    expect((await api.interactions.get({ id: ids.email! })).emailOpened).toBe(true);
  });

  it("is NOT_FOUND for another organization's id or one that does not exist, and BAD_REQUEST for a non-id", async () => {
    await expect(api.interactions.get({ id: theirIds[0]! })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(api.interactions.get({ id: "01900000-0000-7000-8000-000000000000" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(api.interactions.get({ id: "nope" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    // And the other organization's people get NOT_FOUND for ours, exactly like a missing org.
    await expect(callerAs(other.owner, org.slug).interactions.get({ id: ids.call! })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("permissions", () => {
  it("a viewer can browse and read but not complete or delete; a manager can delete", async () => {
    const viewer = callerAs(await addMember(org, "Viewer"), org.slug);
    expect((await viewer.interactions.browse({})).total).toBe(6);
    expect((await viewer.interactions.get({ id: ids.call! })).subject).toBe("Discovery call");
    await expect(viewer.interactions.delete({ id: ids.call! })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(viewer.interactions.complete({ id: ids.meeting! })).rejects.toMatchObject({ code: "FORBIDDEN" });
    // A member may log but not delete.
    await expect(callerAs(rep, org.slug).interactions.delete({ id: ids.sms! })).rejects.toMatchObject({ code: "FORBIDDEN" });

    const manager = callerAs(await addMember(org, "Manager"), org.slug);
    const doomed = await manager.interactions.log({ contactId, type: "note", content: "Delete me" });
    await manager.interactions.delete({ id: doomed.id });
    await expect(api.interactions.get({ id: doomed.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await api.interactions.browse({})).total).toBe(6);
  });
});

describe("CSV export and saved views", () => {
  it("exports the filtered list with the page's filters; a bad filter is refused", async () => {
    const page = await interactionsExport.start(api, { type: "call", sort: "occurredAt", dir: "desc" })(1);
    expect(page.more).toBe(false);
    expect(page.rows.map((r) => r[2])).toEqual(["Discovery call", "Follow-up call"]);
    expect(page.rows[0]).toEqual(["call", "outbound", "Discovery call", "", "", "Lead: Acme Rockets", expect.any(String), "2025-03-10T10:00:00.000Z", "done", "positive", expect.any(String), 25]);
    expect(page.rows[1]).toContain("overdue");
    expect(() => interactionsExport.start(api, { type: "fax" })).toThrow(ZodError);
    expect(() => interactionsExport.start(api, { from: "2025-13-01" })).toThrow(ZodError);
  });

  it("saves a view of the Activities list, and refuses filters it would not accept", async () => {
    const view = await api.savedViews.save({ resource: "interactions", name: "My calls", query: { type: "call", initiatedBy: "me", page: "2" } });
    expect(view.query).toEqual({ type: "call", initiatedBy: "me" });
    expect((await api.savedViews.list({ resource: "interactions" })).map((v) => v.name)).toEqual(["My calls"]);
    await expect(api.savedViews.save({ resource: "interactions", name: "Broken", query: { type: "fax" } })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

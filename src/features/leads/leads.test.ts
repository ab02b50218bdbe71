import { describe, expect, it } from "vitest";
import { addMember, callerAs, createOrgWithOwner } from "../../../test/helpers/fixtures";
import { tasksExport } from "../tasks/tasks.export";
import { leadsExport } from "./leads.export";

async function setup(label: string) {
  const org = await createOrgWithOwner(label);
  const api = callerAs(org.owner, org.slug);
  const [pipeline] = await api.pipelines.list();
  return { org, api, pipeline: pipeline! };
}

describe("leads", () => {
  it("creates a lead with a new company, tags and an explained score, assigned to its creator", async () => {
    const { org, api } = await setup("lead-create");
    const { id, companyId } = await api.leads.create({ companyName: "Northwind Freight", source: "trade_show", sourceDetail: "Booth 12", tags: ["Expo", "expo", "Q3"] });
    const lead = await api.leads.get({ id });
    expect(lead).toMatchObject({ status: "new", source: "trade_show", sourceDetails: { note: "Booth 12" }, companyId, contactAttempts: 0 });
    expect(lead.company.name).toBe("Northwind Freight");
    expect(lead.assignee?.id).toBe(org.owner.id);
    expect(lead.tags.map((t) => t.tag.name)).toEqual(["Expo", "Q3"]);
    expect(lead.scoreBreakdown.lines).toHaveLength(8);
    expect(lead.timeline[0]!.title).toBe("Lead created for Northwind Freight");
  });

  it("keeps one lead per company and names the field", async () => {
    const { api } = await setup("lead-unique");
    const company = await api.companies.create({ name: "Solo Corp" });
    await api.leads.create({ companyId: company.id });
    await expect(api.leads.create({ companyId: company.id })).rejects.toMatchObject({ code: "CONFLICT", message: "Solo Corp already has a lead" });
  });

  it("asks why a lead was lost, and refuses a time zone that does not exist", async () => {
    const { api } = await setup("lead-validate");
    await expect(api.leads.create({ companyName: "Gone Inc", status: "lost" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("Say why the lead was lost") });
    await expect(api.leads.create({ companyName: "Tz Inc", timezone: "Mars/Olympus" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("Choose a time zone") });
  });

  it("rescores when the company's facts change", async () => {
    const { api } = await setup("lead-rescore-company");
    const company = await api.companies.create({ name: "Growing Co" });
    const { id } = await api.leads.create({ companyId: company.id });
    expect((await api.leads.get({ id })).leadScore).toBe(0);
    await api.companies.update({ id: company.id, values: { name: "Growing Co", industry: "Logistics", employeeCount: "1200", annualRevenue: "20000000", yearsInBusiness: "12" } });
    const lead = await api.leads.get({ id });
    expect(lead.leadScore).toBe(45);
    expect(lead.scoreBreakdown.lines!.find((l) => l.factor === "size")!.reason).toBe("1,200 employees");
  });

  it("logging calls marks a new lead contacted, counts attempts, reads sentiment and raises engagement", async () => {
    const { api } = await setup("lead-calls");
    const { id } = await api.leads.create({ companyName: "Chatty Ltd" });
    const happy = await api.interactions.log({ leadId: id, type: "call", subject: "Discovery", callTranscript: "They were thrilled with the demo and love the pricing. Great call, excited to move forward." });
    expect(happy.sentiment).toMatchObject({ label: "positive" });
    const sad = await api.interactions.log({ leadId: id, type: "email", direction: "inbound", subject: "Re: pricing", content: "Terrible experience, we are disappointed and angry about the delays." });
    expect(sad.sentiment).toMatchObject({ label: "negative" });
    const lead = await api.leads.get({ id });
    expect(lead).toMatchObject({ status: "contacted", contactAttempts: 2 });
    expect(lead.firstContactAt).not.toBeNull();
    const engagement = lead.scoreBreakdown.lines!.filter((l) => l.group === "engagement");
    expect(engagement.find((l) => l.factor === "interactions")!.reason).toBe("2 logged interactions");
    expect(engagement.find((l) => l.factor === "replies")!.reason).toBe("1 inbound reply");
    expect(lead.leadScore).toBe(lead.scoreBreakdown.score);
    expect(lead.leadScore).toBeGreaterThan(0);
    const list = await api.interactions.list({ leadId: id });
    expect(list.map((i) => i.sentiment)).toEqual(["negative", "positive"]);
    // The company sees its lead's interactions too.
    expect(await api.interactions.list({ companyId: lead.companyId })).toHaveLength(2);
  });

  it("a scheduled call does not count until it is done", async () => {
    const { api } = await setup("lead-scheduled");
    const { id } = await api.leads.create({ companyName: "Later Inc" });
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    const planned = await api.interactions.log({ leadId: id, type: "call", subject: "Follow-up", scheduledFor: tomorrow });
    expect(await api.leads.get({ id })).toMatchObject({ status: "new", contactAttempts: 0 });
    await api.interactions.complete({ id: planned.id, outcome: "Booked a demo" });
    expect(await api.leads.get({ id })).toMatchObject({ status: "contacted", contactAttempts: 1 });
    await expect(api.interactions.complete({ id: planned.id })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("converts a lead into a deal linked to its company and contact, once", async () => {
    const { api, pipeline } = await setup("lead-convert");
    const contact = await api.contacts.create({ firstName: "Dana", lastName: "Buyer" });
    const { id, companyId } = await api.leads.create({ companyName: "Convertible Co", contactId: contact.id, status: "qualified" });
    const { opportunityId } = await api.leads.convert({ id, pipelineId: pipeline.id, name: "Convertible Co - platform", value: "24,000", expectedCloseDate: "2026-12-31" });
    const deal = await api.opportunities.get({ id: opportunityId });
    expect(deal).toMatchObject({ leadId: id, companyId, contactId: contact.id, value: "24000.00", status: "open" });
    const lead = await api.leads.get({ id });
    expect(lead).toMatchObject({ status: "converted", conversionValue: "24000.00" });
    expect(lead.qualifiedAt).not.toBeNull();
    expect(lead.opportunities.map((o) => o.id)).toEqual([opportunityId]);
    await expect(api.leads.convert({ id, pipelineId: pipeline.id, name: "Again" })).rejects.toMatchObject({ code: "CONFLICT" });
    // Editing a converted lead keeps it converted.
    await api.leads.update({ id, values: { companyId, status: "contacted" } });
    expect((await api.leads.get({ id })).status).toBe("converted");
  });

  it("converting needs both lead and deal permissions; a viewer can do neither", async () => {
    const { org, pipeline } = await setup("lead-convert-perm");
    const owner = callerAs(org.owner, org.slug);
    const { id } = await owner.leads.create({ companyName: "Guarded Co" });
    const viewer = callerAs(await addMember(org, "Viewer"), org.slug);
    await expect(viewer.leads.convert({ id, pipelineId: pipeline.id, name: "Nope" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("re-weighting rescores every lead, and only an admin may do it", async () => {
    const { org, api } = await setup("lead-weights");
    const a = await api.leads.create({ companyName: "Quiet Co" });
    await api.interactions.log({ leadId: a.id, type: "call", subject: "Hi" });
    const before = (await api.leads.get({ id: a.id })).leadScore;
    const result = await api.leads.saveScoringWeights({ industry: 0, size: 0, revenue: 0, yearsInBusiness: 0, rating: 0, interactions: 0, recency: 100, replies: 0, targetIndustries: [] });
    expect(result.rescored).toBe(1);
    const after = await api.leads.get({ id: a.id });
    expect(after.leadScore).toBe(100);
    expect(after.leadScore).not.toBe(before);
    expect(await api.leads.scoringWeights()).toMatchObject({ recency: 100, interactions: 0 });
    const member = callerAs(await addMember(org, "Member"), org.slug);
    await expect(member.leads.saveScoringWeights({ industry: 1, size: 0, revenue: 0, yearsInBusiness: 0, rating: 0, interactions: 0, recency: 0, replies: 0 })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("lists with filters and sorting, and finds leads and deals in global search despite typos", async () => {
    const { api, pipeline } = await setup("lead-list");
    const hot = await api.leads.create({ companyName: "Meridian Logistics", nurtureStatus: "hot", tags: ["Enterprise"] });
    await api.leads.create({ companyName: "Cobalt Bakery", nurtureStatus: "cold", source: "website" });
    await api.interactions.log({ leadId: hot.id, type: "call", subject: "Intro" });
    const page = await api.leads.list({ sort: "leadScore", dir: "desc" });
    expect(page.items.map((l) => l.company.name)).toEqual(["Meridian Logistics", "Cobalt Bakery"]);
    expect((await api.leads.list({ nurture: "cold" })).items.map((l) => l.company.name)).toEqual(["Cobalt Bakery"]);
    expect((await api.leads.list({ tag: "enterprise" })).total).toBe(1);
    expect((await api.leads.list({ source: "website", assignee: "me" })).total).toBe(1);
    expect((await api.leads.list({ search: "meridian" })).total).toBe(1);
    await api.opportunities.create({ pipelineId: pipeline.id, name: "Meridian fleet rollout" });
    const hits = await api.search.global({ q: "meridan" });
    expect(hits.map((h) => h.kind).sort()).toEqual(["company", "lead", "opportunity"]);
  });

  it("deleting a lead keeps its company", async () => {
    const { api } = await setup("lead-delete");
    const { id, companyId } = await api.leads.create({ companyName: "Keep Me Co" });
    await api.leads.delete({ id });
    await expect(api.leads.get({ id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await api.companies.get({ id: companyId })).name).toBe("Keep Me Co");
  });

  it("exports the filtered list as CSV rows, the same filters as the page; a bad filter is refused", async () => {
    const { api } = await setup("lead-export");
    await api.leads.create({ companyName: "Hot Prospect", nurtureStatus: "hot", tags: ["A", "B"] });
    await api.leads.create({ companyName: "Cold Prospect", nurtureStatus: "cold" });
    const page = await leadsExport.start(api, { nurture: "hot" })(1);
    expect(page.more).toBe(false);
    expect(page.rows).toHaveLength(1);
    expect(page.rows[0]).toEqual(expect.arrayContaining(["Hot Prospect", "hot", "A; B"]));
    expect(() => leadsExport.start(api, { nurture: "boiling" })).toThrow();
    await api.tasks.create({ title: "Export me", dueDate: "2026-02-01" });
    expect((await tasksExport.start(api, { state: "overdue" })(1)).rows.map((r) => r[0])).toEqual(["Export me"]);
  });
});

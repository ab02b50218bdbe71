import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { ZodError, z } from "zod";
import { Prisma } from "@/generated/prisma/client";
import { todayIsoDate } from "@/lib/dates";
import { type TestOrg, addMember, callerAs, createOrgWithOwner, ownerPool } from "../../../test/helpers/fixtures";
import { defaultFrom } from "./sales-dashboard.schema";

// A first half of 2025 with known deals, activities and leads; some rows fall just outside
// it on purpose, and another organization has data of its own inside it.
const H1 = { from: "2025-01-01", to: "2025-06-30" };

type Api = ReturnType<typeof callerAs>;
let org: TestOrg;
let api: Api;
let rep: { id: string; email: string };
let other: TestOrg;
let salesId: string;
let partnersId: string;

const backdate = (table: "opportunities" | "leads", id: string, set: Record<string, string | null>) => {
  const columns = Object.keys(set);
  return ownerPool().query(`UPDATE ${table} SET ${columns.map((c, i) => `${c} = $${i + 2}`).join(", ")} WHERE id = $1`, [id, ...columns.map((c) => set[c])]);
};

async function arrange() {
  org = await createOrgWithOwner("dash");
  api = callerAs(org.owner, org.slug);
  rep = await addMember(org, "Member");
  const repApi = callerAs(rep, org.slug);
  const [sales] = await api.pipelines.list();
  salesId = sales!.id;
  const stage = (name: string) => sales!.stages.find((s) => s.name === name)!.id;
  const deal = (name: string, value: string, stageName: string, extra: { ownerId?: string; expectedCloseDate?: string } = {}) =>
    api.opportunities.create({ pipelineId: salesId, stageId: stage(stageName), name, value, ...extra });

  // Open deals (weighted by the stage's probability).
  await deal("D1", "10000", "Lead in", { expectedCloseDate: "2025-02-15" }); // weighted 1000
  await deal("D2", "20000", "Proposal sent", { expectedCloseDate: "2025-02-20" }); // 10000
  await deal("D3", "8000", "Negotiation", { ownerId: rep.id, expectedCloseDate: "2025-04-10" }); // 6000
  await deal("D4", "4000.50", "Qualified", { ownerId: rep.id, expectedCloseDate: "2025-09-01" }); // 1000.13, after the range
  await deal("D5", "1500", "Lead in"); // 150, no expected close date

  // Closed deals, backdated.
  const w1 = await deal("W1", "30000", "Won");
  await backdate("opportunities", w1.id, { created_at: "2025-01-01T23:30:00Z", actual_close_date: "2025-01-31" }); // 30 days
  const w2 = await deal("W2", "12000.25", "Won", { ownerId: rep.id });
  await backdate("opportunities", w2.id, { created_at: "2024-12-01T08:00:00Z", actual_close_date: "2025-03-11" }); // 100 days
  const w3 = await deal("W3", "5000", "Won", { ownerId: rep.id });
  await backdate("opportunities", w3.id, { created_at: "2024-11-01T08:00:00Z", actual_close_date: "2024-12-31" }); // before the range
  const l1 = await deal("L1", "7000", "Lost");
  await backdate("opportunities", l1.id, { created_at: "2025-01-05T08:00:00Z", actual_close_date: "2025-02-10" });
  const l2 = await deal("L2", "3000", "Lost", { ownerId: rep.id });
  await backdate("opportunities", l2.id, { created_at: "2025-05-05T08:00:00Z", actual_close_date: "2025-07-01" }); // after the range

  // A second pipeline with one open deal of the owner's.
  const partners = await ownerPool().query<{ pipeline_id: string; id: string }>(
    `WITH p AS (INSERT INTO pipelines (organization_id, name, position) VALUES ($1, 'Partners', 1) RETURNING id)
     INSERT INTO pipeline_stages (organization_id, pipeline_id, name, position, probability) SELECT $1, id, 'Intro', 0, 20 FROM p RETURNING pipeline_id, id`,
    [org.orgId],
  );
  partnersId = partners.rows[0]!.pipeline_id;
  await api.opportunities.create({ pipelineId: partnersId, name: "P1", value: "999" }); // weighted 199.80

  // Activities: completed ones in range count by when they happened; planned ones never do.
  const company = await api.companies.create({ name: "Touchpoint Co" });
  const log = (who: Api, type: "call" | "email" | "meeting" | "sms", at: string) =>
    who.interactions.log({ companyId: company.id, type, subject: `${type} at ${at}`, scheduledFor: at });
  await log(api, "call", "2025-02-03T10:00:00Z");
  await log(api, "email", "2025-03-05T10:00:00Z");
  await log(api, "call", "2025-06-30T23:30:00Z"); // the last minutes of the range
  await log(api, "call", "2025-07-01T00:00:00Z"); // just after it
  await log(api, "call", "2024-12-31T23:59:00Z"); // just before it
  await log(repApi, "meeting", "2025-04-01T10:00:00Z");
  await log(repApi, "call", "2025-05-05T10:00:00Z");
  await log(repApi, "sms", "2025-05-06T10:00:00Z");
  const planned = await log(repApi, "call", "2099-01-01T10:00:00Z");
  await ownerPool().query("UPDATE interactions SET occurred_at = '2025-03-01T10:00:00Z' WHERE id = $1", [planned.id]);

  // Leads by source; "converted" is set directly so no extra deals appear.
  const lead = async (source: "website" | "referral" | "cold_call", createdAt: string, converted: boolean, assignedTo?: string) => {
    const { id } = await api.leads.create({ companyName: `Lead ${source} ${createdAt}`, source, assignedTo });
    await backdate("leads", id, { created_at: createdAt, ...(converted ? { status: "converted", converted_at: "2025-06-01T00:00:00Z" } : {}) });
  };
  await lead("website", "2025-01-10T10:00:00Z", true);
  await lead("website", "2025-02-10T10:00:00Z", false, rep.id);
  await lead("referral", "2025-03-10T10:00:00Z", true, rep.id);
  await lead("referral", "2024-12-31T23:59:59Z", true); // before the range
  await lead("cold_call", "2025-06-30T12:00:00Z", false);

  // Another organization, busy in the same months.
  other = await createOrgWithOwner("dash-other");
  const otherApi = callerAs(other.owner, other.slug);
  const [otherSales] = await otherApi.pipelines.list();
  const won = await otherApi.opportunities.create({ pipelineId: otherSales!.id, stageId: otherSales!.stages.find((s) => s.isWon)!.id, name: "Theirs", value: "777777" });
  await backdate("opportunities", won.id, { actual_close_date: "2025-03-03" });
  await otherApi.opportunities.create({ pipelineId: otherSales!.id, name: "Their open", value: "55555", expectedCloseDate: "2025-02-02" });
  const theirLead = await otherApi.leads.create({ companyName: "Their lead", source: "website" });
  await backdate("leads", theirLead.id, { created_at: "2025-02-02T10:00:00Z" });
  await otherApi.interactions.log({ leadId: theirLead.id, type: "call", subject: "Theirs", scheduledFor: "2025-02-02T10:00:00Z" });
}

beforeAll(arrange);

async function fieldErrorsOf(call: Promise<unknown>): Promise<{ code: string; fieldErrors?: Record<string, string[] | undefined>; field?: string }> {
  try {
    await call;
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    const cause = error.cause;
    if (cause instanceof ZodError) return { code: error.code, fieldErrors: z.flattenError(cause).fieldErrors };
    return { code: error.code, field: (cause as { field?: string } | undefined)?.field };
  }
  throw new Error("expected the call to fail");
}

describe("sales dashboard", () => {
  it("adds up the known half-year exactly", async () => {
    const d = await api.salesDashboard.get(H1);
    if (!d.hasData) throw new Error("expected data");
    expect(d.range).toEqual(H1);
    expect(d.currency).toEqual({ code: "USD", mixed: null });
    expect(d.pipeline).toEqual({ id: salesId, name: "Sales" });
    expect(d.kpis).toEqual({
      openPipeline: { count: 6, value: "44499.50", weighted: "18349.93", weightedInRange: "17000.00" },
      winRate: { won: 2, lost: 1, wonValue: "42000.25", rate: 2 / 3 },
      avgCycleDays: 65,
      activities: 6,
      leadConversion: { created: 4, converted: 2, rate: 0.5 },
    });
    expect(d.stages.map(({ name, count, value, weighted }) => [name, count, value, weighted])).toEqual([
      ["Lead in", 2, "11500.00", "1150.00"],
      ["Qualified", 1, "4000.50", "1000.13"],
      ["Proposal sent", 1, "20000.00", "10000.00"],
      ["Negotiation", 1, "8000.00", "6000.00"],
    ]);
    expect(d.forecast).toEqual([
      { month: "2025-01", weighted: "0.00", won: "30000.00" },
      { month: "2025-02", weighted: "11000.00", won: "0.00" },
      { month: "2025-03", weighted: "0.00", won: "12000.25" },
      { month: "2025-04", weighted: "6000.00", won: "0.00" },
      { month: "2025-05", weighted: "0.00", won: "0.00" },
      { month: "2025-06", weighted: "0.00", won: "0.00" },
    ]);
    // The month series add up to the headline figures for the same range.
    const sum = (values: string[]) => values.reduce((acc, v) => acc.plus(v), new Prisma.Decimal(0)).toFixed(2);
    expect(sum(d.forecast.map((m) => m.weighted))).toBe(d.kpis.openPipeline.weightedInRange);
    expect(sum(d.forecast.map((m) => m.won))).toBe(d.kpis.winRate.wonValue);
    expect(d.activities.byType).toEqual([
      { type: "call", count: 3 }, { type: "email", count: 1 }, { type: "meeting", count: 1 }, { type: "note", count: 0 }, { type: "sms", count: 1 },
    ]);
    // Equally busy: by name ("dash Owner" before "Member Member").
    expect(d.activities.byRep.map((r) => [r.userId, r.total, r.counts])).toEqual([
      [org.owner.id, 3, { call: 2, email: 1, meeting: 0, note: 0, sms: 0 }],
      [rep.id, 3, { call: 1, email: 0, meeting: 1, note: 0, sms: 1 }],
    ]);
    expect(d.leadSources).toEqual([
      { source: "website", created: 2, converted: 1, rate: 0.5 },
      { source: "referral", created: 1, converted: 1, rate: 1 },
      { source: "cold_call", created: 1, converted: 0, rate: 0 },
    ]);
    expect(d.leaderboard).toEqual([
      { userId: org.owner.id, name: "dash Owner", wonCount: 1, wonValue: "30000.00", openCount: 4, openValue: "32499.00", activities: 3 },
      { userId: rep.id, name: "Member Member", wonCount: 1, wonValue: "12000.25", openCount: 2, openValue: "12000.50", activities: 3 },
    ]);
  });

  it("narrows every metric to one rep", async () => {
    const d = await api.salesDashboard.get({ ...H1, ownerId: rep.id });
    if (!d.hasData) throw new Error("expected data");
    expect(d.kpis).toEqual({
      openPipeline: { count: 2, value: "12000.50", weighted: "7000.13", weightedInRange: "6000.00" },
      winRate: { won: 1, lost: 0, wonValue: "12000.25", rate: 1 },
      avgCycleDays: 100,
      activities: 3,
      leadConversion: { created: 2, converted: 1, rate: 0.5 },
    });
    expect(d.stages.map((s) => s.count)).toEqual([0, 1, 0, 1]);
    expect(d.forecast.map((m) => [m.weighted, m.won])).toEqual([["0.00", "0.00"], ["0.00", "0.00"], ["0.00", "12000.25"], ["6000.00", "0.00"], ["0.00", "0.00"], ["0.00", "0.00"]]);
    expect(d.activities.byRep.map((r) => r.userId)).toEqual([rep.id]);
    expect(d.leadSources.map((s) => [s.source, s.created, s.converted])).toEqual([["referral", 1, 1], ["website", 1, 0]]);
    expect(d.leaderboard.map((r) => r.userId)).toEqual([rep.id]);
  });

  it("narrows deal metrics to one pipeline, and shows that pipeline's stages", async () => {
    const d = await api.salesDashboard.get({ ...H1, pipelineId: partnersId });
    if (!d.hasData) throw new Error("expected data");
    expect(d.pipeline).toEqual({ id: partnersId, name: "Partners" });
    expect(d.stages.map(({ name, count, value, weighted }) => [name, count, value, weighted])).toEqual([["Intro", 1, "999.00", "199.80"]]);
    expect(d.kpis.openPipeline).toEqual({ count: 1, value: "999.00", weighted: "199.80", weightedInRange: "0.00" });
    expect(d.kpis.winRate).toMatchObject({ won: 0, lost: 0, rate: null });
    expect(d.kpis.avgCycleDays).toBeNull();
    // Activities and leads belong to no pipeline.
    expect(d.kpis.activities).toBe(6);
    expect(d.leaderboard.map((r) => [r.userId, r.openValue])).toEqual([[org.owner.id, "999.00"], [rep.id, "0.00"]]);

    const sales = await api.salesDashboard.get({ ...H1, pipelineId: salesId });
    if (!sales.hasData) throw new Error("expected data");
    expect(sales.kpis.openPipeline).toMatchObject({ count: 5, value: "43500.50" });
  });

  it("moves with the date range", async () => {
    const q1 = await api.salesDashboard.get({ from: "2025-01-01", to: "2025-03-31" });
    if (!q1.hasData) throw new Error("expected data");
    expect(q1.forecast.map((m) => m.month)).toEqual(["2025-01", "2025-02", "2025-03"]);
    expect(q1.kpis.winRate).toMatchObject({ won: 2, lost: 1 });
    expect(q1.kpis.activities).toBe(2);
    expect(q1.kpis.leadConversion).toEqual({ created: 3, converted: 2, rate: 2 / 3 });
    // A range inside one month still gets that month's bucket, holding only days in range.
    const midFeb = await api.salesDashboard.get({ from: "2025-02-16", to: "2025-02-28" });
    if (!midFeb.hasData) throw new Error("expected data");
    expect(midFeb.forecast).toEqual([{ month: "2025-02", weighted: "10000.00", won: "0.00" }]);
    // The day after: W3's close on 2024-12-31 and the 23:59 call are in, and nothing of 2025 is.
    const lastDay = await api.salesDashboard.get({ from: "2024-12-31", to: "2024-12-31" });
    if (!lastDay.hasData) throw new Error("expected data");
    expect(lastDay.kpis).toMatchObject({ winRate: { won: 1, lost: 0, wonValue: "5000.00" }, activities: 1, leadConversion: { created: 1, converted: 1 } });
  });

  it("defaults to the last twelve calendar months through today", async () => {
    const d = await api.salesDashboard.get({});
    const to = todayIsoDate();
    expect(d.range).toEqual({ from: defaultFrom(to), to });
    expect(d.range.from.endsWith("-01")).toBe(true);
    if (!d.hasData) throw new Error("expected data");
    expect(d.forecast).toHaveLength(12);
    expect(defaultFrom("2026-03-15")).toBe("2025-04-01");
    expect(defaultFrom("2026-12-31")).toBe("2026-01-01");
  });

  it("never counts another organization's rows", async () => {
    const d = await callerAs(other.owner, other.slug).salesDashboard.get(H1);
    if (!d.hasData) throw new Error("expected data");
    expect(d.kpis).toEqual({
      openPipeline: { count: 1, value: "55555.00", weighted: "5555.50", weightedInRange: "5555.50" },
      winRate: { won: 1, lost: 0, wonValue: "777777.00", rate: 1 },
      avgCycleDays: expect.any(Number),
      activities: 1,
      leadConversion: { created: 1, converted: 0, rate: 0 },
    });
    expect(d.leaderboard.map((r) => r.userId)).toEqual([other.owner.id]);
  });

  it("refuses a reversed or impossible range, naming the field", async () => {
    const reversed = await fieldErrorsOf(api.salesDashboard.get({ from: "2025-06-01", to: "2025-05-01" }));
    expect(reversed.code).toBe("BAD_REQUEST");
    expect(reversed.fieldErrors?.from).toEqual(["From (2025-06-01) must be on or before To (2025-05-01)"]);
    const impossible = await fieldErrorsOf(api.salesDashboard.get({ from: "2025-02-30", to: "2025-05-01" }));
    expect(impossible.fieldErrors?.from).toEqual(["From is not a real date"]);
    const tooLong = await fieldErrorsOf(api.salesDashboard.get({ from: "2000-01-01", to: "2025-05-01" }));
    expect(tooLong.fieldErrors?.to?.[0]).toContain("at most five years");
    const badOwner = await fieldErrorsOf(api.salesDashboard.get({ ownerId: "not-a-uuid" }));
    expect(badOwner.fieldErrors?.ownerId).toEqual(["Choose an owner from the list"]);
  });

  it("treats another organization's people and pipelines as unknown, naming the field", async () => {
    expect(await fieldErrorsOf(api.salesDashboard.get({ ownerId: other.owner.id }))).toEqual({ code: "NOT_FOUND", field: "ownerId" });
    const [theirPipeline] = await callerAs(other.owner, other.slug).pipelines.list();
    expect(await fieldErrorsOf(api.salesDashboard.get({ pipelineId: theirPipeline!.id }))).toEqual({ code: "NOT_FOUND", field: "pipelineId" });
    expect(await fieldErrorsOf(callerAs(other.owner, org.slug).salesDashboard.get({}))).toEqual({ code: "NOT_FOUND", field: undefined });
    const gone = await addMember(org, "Member");
    await ownerPool().query("UPDATE memberships SET status = 'deactivated' WHERE user_id = $1", [gone.id]);
    expect(await fieldErrorsOf(api.salesDashboard.get({ ownerId: gone.id }))).toEqual({ code: "NOT_FOUND", field: "ownerId" });
  });

  it("is readable by a viewer, and empty for an organization with nothing recorded yet", async () => {
    const viewer = await addMember(org, "Viewer");
    expect((await callerAs(viewer, org.slug).salesDashboard.get(H1)).hasData).toBe(true);
    const fresh = await createOrgWithOwner("dash-empty");
    const d = await callerAs(fresh.owner, fresh.slug).salesDashboard.get({});
    expect(d).toMatchObject({ hasData: false, pipeline: { name: "Sales" } });
  });

  it("says when totals mix currencies", async () => {
    const mixed = await createOrgWithOwner("dash-fx");
    const fx = callerAs(mixed.owner, mixed.slug);
    const [p] = await fx.pipelines.list();
    await fx.opportunities.create({ pipelineId: p!.id, name: "Euro", value: "100", currency: "EUR" });
    await fx.opportunities.create({ pipelineId: p!.id, name: "Dollar 1", value: "100" });
    await fx.opportunities.create({ pipelineId: p!.id, name: "Dollar 2", value: "100" });
    const d = await fx.salesDashboard.get({});
    if (!d.hasData) throw new Error("expected data");
    expect(d.currency).toEqual({ code: "USD", mixed: ["USD", "EUR"] });
  });
});

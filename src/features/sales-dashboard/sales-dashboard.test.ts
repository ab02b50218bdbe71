import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { ZodError, z } from "zod";
import { Prisma } from "@/generated/prisma/client";
import { todayIsoDate } from "@/lib/dates";
import { withOrg } from "@/server/db/tenant";
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
/** Deals the contracts hang on: W1 and W2 (Sales pipeline), P1 (Partners), Theirs (the other org). */
const dealIds: Record<"W1" | "W2" | "P1" | "Theirs", string> = { W1: "", W2: "", P1: "", Theirs: "" };

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
  const renewco = await api.companies.create({ name: "Renewco Ltd" });
  const deal = (name: string, value: string, stageName: string, extra: { ownerId?: string; expectedCloseDate?: string; companyId?: string } = {}) =>
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
  const w2 = await deal("W2", "12000.25", "Won", { ownerId: rep.id, companyId: renewco.id });
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
  const p1 = await api.opportunities.create({ pipelineId: partnersId, name: "P1", value: "999" }); // weighted 199.80
  Object.assign(dealIds, { W1: w1.id, W2: w2.id, P1: p1.id });

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
  dealIds.Theirs = won.id;

  await arrangeContracts();
}

// Contracts: the organization keeps Berlin time, so a contract signed at 23:30 UTC on the last
// day of a month belongs to the next month (and one signed late on 30 June falls after H1).
const TZ = "Europe/Berlin";
/** Today in the organization's time zone, and days from it (YYYY-MM-DD). */
const orgToday = () => new Intl.DateTimeFormat("en-CA", { timeZone: TZ }).format(new Date());
const fromToday = (days: number) => new Date(Date.parse(`${orgToday()}T00:00:00.000Z`) + days * 86_400_000).toISOString().slice(0, 10);
const isoDay = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

interface ContractSeed {
  deal: keyof typeof dealIds;
  number: string;
  status: "draft" | "pending_signature" | "active" | "expired" | "terminated" | "renewed";
  value: string;
  start: string;
  end?: string;
  activatedAt?: string;
  autoRenew?: boolean;
  ownerId?: string;
  schedule?: { dueDate: string; amount: string; description: string }[];
}

/** A contract written as the organization, through the scoped transaction (RLS and every CHECK apply). */
function contract(o: TestOrg, c: ContractSeed) {
  return withOrg({ orgId: o.orgId, userId: o.owner.id }, (tx) => tx.contract.create({
    data: {
      organizationId: o.orgId, opportunityId: dealIds[c.deal], contractNumber: c.number, title: `Contract ${c.number}`, status: c.status,
      totalValue: c.value, startDate: isoDay(c.start), endDate: c.end ? isoDay(c.end) : null, autoRenew: c.autoRenew ?? false,
      activatedAt: c.activatedAt ? new Date(c.activatedAt) : null, ownerId: c.ownerId ?? null, paymentSchedule: c.schedule ?? [],
    },
  }));
}

const renewalIds: Record<string, string> = {};

async function arrangeContracts() {
  await ownerPool().query("UPDATE organizations SET timezone = $2 WHERE id = $1", [org.orgId, TZ]);
  const me = org.owner.id;
  // Signed (activated) in H1, Berlin time: January 3500.35 (2), February 333.33, nothing in
  // March, April 4000.00 (Partners), nothing in May, June 0.01. Whatever their status now.
  await contract(org, { deal: "W1", number: "C-2025-0001", status: "active", value: "1000.10", start: "2025-01-15", activatedAt: "2025-01-15T10:00:00Z", ownerId: me });
  await contract(org, { deal: "W2", number: "C-2025-0002", status: "expired", value: "2500.25", start: "2025-01-01", end: "2025-03-31", activatedAt: "2024-12-31T23:30:00Z", ownerId: rep.id }); // 00:30 on 1 January in Berlin
  await contract(org, {
    deal: "W1", number: "C-2025-0003", status: "renewed", value: "333.33", start: "2025-02-01", end: "2025-12-31", activatedAt: "2025-01-31T23:30:00Z", ownerId: me, // 1 February in Berlin
    schedule: [{ dueDate: "2025-02-01", amount: "111.11", description: "First third" }, { dueDate: "2025-06-01", amount: "222.22", description: "The rest" }],
  });
  await contract(org, { deal: "P1", number: "C-2025-0004", status: "terminated", value: "4000.00", start: "2025-04-10", activatedAt: "2025-04-10T12:00:00Z", ownerId: rep.id });
  await contract(org, { deal: "W1", number: "C-2025-0005", status: "active", value: "0.01", start: "2025-07-01", activatedAt: "2025-06-30T21:59:00Z", ownerId: me }); // 23:59 on 30 June in Berlin
  await contract(org, { deal: "W1", number: "C-2025-0006", status: "active", value: "9999.99", start: "2025-07-01", activatedAt: "2025-06-30T22:30:00Z", ownerId: me }); // 1 July in Berlin: after H1
  // Never signed: a draft and one the client signed but we have not countersigned.
  await contract(org, { deal: "W1", number: "C-2025-0007", status: "draft", value: "5555.55", start: "2025-03-01", ownerId: me });
  await contract(org, { deal: "W2", number: "C-2025-0008", status: "pending_signature", value: "6666.66", start: "2025-03-01", ownerId: rep.id });

  // Renewals, relative to today: three due (today, in 30 and in 90 days), the rest not.
  const signedLongAgo = "2024-06-01T10:00:00Z";
  const due = async (key: string, c: Omit<ContractSeed, "activatedAt" | "start">) => {
    renewalIds[key] = (await contract(org, { ...c, start: fromToday(-400), activatedAt: c.status === "draft" ? undefined : signedLongAgo })).id;
  };
  await due("today", { deal: "W1", number: "C-2024-0101", status: "active", value: "800.50", end: fromToday(0), autoRenew: true, ownerId: me });
  await due("in30", { deal: "W2", number: "C-2024-0102", status: "active", value: "1200.00", end: fromToday(30), ownerId: rep.id });
  await due("in90", { deal: "P1", number: "C-2024-0103", status: "active", value: "150.00", end: fromToday(90), autoRenew: true, ownerId: me });
  await due("in91", { deal: "W1", number: "C-2024-0104", status: "active", value: "70.00", end: fromToday(91), ownerId: me });
  await due("in120", { deal: "W2", number: "C-2024-0105", status: "active", value: "120.00", end: fromToday(120), ownerId: rep.id });
  await due("expired", { deal: "W1", number: "C-2024-0106", status: "expired", value: "30.00", end: fromToday(-3), ownerId: me });
  await due("overdue", { deal: "W1", number: "C-2024-0107", status: "active", value: "31.00", end: fromToday(-1), ownerId: me });
  await due("draft", { deal: "W1", number: "C-2024-0108", status: "draft", value: "20.00", end: fromToday(20), ownerId: me });
  await due("terminated", { deal: "W2", number: "C-2024-0109", status: "terminated", value: "15.00", end: fromToday(15), ownerId: rep.id });

  // The other organization signs in January and has a renewal due too.
  await contract(other, { deal: "Theirs", number: "C-2025-0001", status: "active", value: "777.77", start: "2025-01-10", end: fromToday(30), activatedAt: "2025-01-10T10:00:00Z" });
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
      signedValue: { count: 5, value: "7833.69" },
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
      signedValue: { count: 2, value: "6500.25" },
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
    // 23:30 UTC that evening was already 1 January in the organization's Berlin.
    expect(lastDay.kpis.signedValue).toEqual({ count: 0, value: "0.00" });
  });

  it("defaults to the last twelve calendar months through today", async () => {
    const d = await api.salesDashboard.get({});
    const to = todayIsoDate();
    expect(d.range).toEqual({ from: defaultFrom(to), to });
    expect(d.range.from.endsWith("-01")).toBe(true);
    if (!d.hasData) throw new Error("expected data");
    expect(d.forecast).toHaveLength(12);
    expect(d.contracts.signedByMonth).toHaveLength(12);
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
      signedValue: { count: 1, value: "777.77" },
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

describe("contracts on the sales dashboard", () => {
  const sum = (values: string[]) => values.reduce((acc, v) => acc.plus(v), new Prisma.Decimal(0)).toFixed(2);

  it("adds up signed value by month in the organization's time zone, exact to the cent, with empty months kept", async () => {
    const d = await api.salesDashboard.get(H1);
    if (!d.hasData) throw new Error("expected data");
    expect(d.contracts.timeZone).toBe(TZ);
    expect(d.contracts.currency).toEqual({ code: "USD", mixed: null });
    expect(d.contracts.signedByMonth).toEqual([
      { month: "2025-01", count: 2, value: "3500.35" },
      { month: "2025-02", count: 1, value: "333.33" },
      { month: "2025-03", count: 0, value: "0.00" },
      { month: "2025-04", count: 1, value: "4000.00" },
      { month: "2025-05", count: 0, value: "0.00" },
      { month: "2025-06", count: 1, value: "0.01" },
    ]);
    expect(sum(d.contracts.signedByMonth.map((m) => m.value))).toBe(d.kpis.signedValue.value);
    expect(d.kpis.signedValue).toEqual({ count: 5, value: "7833.69" });
  });

  it("narrows signed value to the range, the contract's owner and its deal's pipeline", async () => {
    const q1 = await api.salesDashboard.get({ from: "2025-01-01", to: "2025-03-31" });
    if (!q1.hasData) throw new Error("expected data");
    expect(q1.contracts.signedByMonth.map((m) => [m.month, m.count, m.value])).toEqual([["2025-01", 2, "3500.35"], ["2025-02", 1, "333.33"], ["2025-03", 0, "0.00"]]);
    expect(q1.kpis.signedValue).toEqual({ count: 3, value: "3833.68" });

    // One day, Berlin's: only the contract signed at 23:30 UTC the evening before.
    const feb1 = await api.salesDashboard.get({ from: "2025-02-01", to: "2025-02-01" });
    if (!feb1.hasData) throw new Error("expected data");
    expect(feb1.contracts.signedByMonth).toEqual([{ month: "2025-02", count: 1, value: "333.33" }]);
    // 1 July in Berlin: the 9999.99 contract signed at 22:30 UTC on 30 June.
    const july = await api.salesDashboard.get({ from: "2025-07-01", to: "2025-07-31" });
    if (!july.hasData) throw new Error("expected data");
    expect(july.kpis.signedValue).toEqual({ count: 1, value: "9999.99" });

    const mine = await api.salesDashboard.get({ ...H1, ownerId: rep.id });
    if (!mine.hasData) throw new Error("expected data");
    expect(mine.contracts.signedByMonth.map((m) => m.value)).toEqual(["2500.25", "0.00", "0.00", "4000.00", "0.00", "0.00"]);
    expect(mine.kpis.signedValue).toEqual({ count: 2, value: "6500.25" });

    const partners = await api.salesDashboard.get({ ...H1, pipelineId: partnersId });
    if (!partners.hasData) throw new Error("expected data");
    expect(partners.kpis.signedValue).toEqual({ count: 1, value: "4000.00" });
    const sales = await api.salesDashboard.get({ ...H1, pipelineId: salesId, ownerId: org.owner.id });
    if (!sales.hasData) throw new Error("expected data");
    expect(sales.contracts.signedByMonth.map((m) => m.value)).toEqual(["1000.10", "333.33", "0.00", "0.00", "0.00", "0.01"]);
  });

  it("lists active contracts ending in the next 90 days, soonest first, whatever the range", async () => {
    const d = await api.salesDashboard.get(H1);
    if (!d.hasData) throw new Error("expected data");
    const r = d.contracts.renewals;
    expect(r).toMatchObject({ today: orgToday(), through: fromToday(90), count: 3, value: "2150.50", autoRenew: 2, needsAction: 1 });
    expect(r.next).toEqual([
      { id: renewalIds.today, contractNumber: "C-2024-0101", title: "Contract C-2024-0101", companyName: null, endDate: fromToday(0), daysLeft: 0,
        autoRenew: true, value: "800.50", currency: "USD", ownerId: org.owner.id, ownerName: "dash Owner" },
      { id: renewalIds.in30, contractNumber: "C-2024-0102", title: "Contract C-2024-0102", companyName: "Renewco Ltd", endDate: fromToday(30), daysLeft: 30,
        autoRenew: false, value: "1200.00", currency: "USD", ownerId: rep.id, ownerName: "Member Member" },
      { id: renewalIds.in90, contractNumber: "C-2024-0103", title: "Contract C-2024-0103", companyName: null, endDate: fromToday(90), daysLeft: 90,
        autoRenew: true, value: "150.00", currency: "USD", ownerId: org.owner.id, ownerName: "dash Owner" },
    ]);
    // Past the window, already expired, overdue, a draft, terminated: none of them.
    for (const key of ["in91", "in120", "expired", "overdue", "draft", "terminated"]) expect(r.next.map((c) => c.id)).not.toContain(renewalIds[key]);

    // The same whatever the range; the owner and pipeline filters apply.
    const now = await api.salesDashboard.get({});
    if (!now.hasData) throw new Error("expected data");
    expect(now.contracts.renewals).toEqual(r);
    const mine = await api.salesDashboard.get({ ...H1, ownerId: rep.id });
    if (!mine.hasData) throw new Error("expected data");
    expect(mine.contracts.renewals).toMatchObject({ count: 1, value: "1200.00", autoRenew: 0, needsAction: 1 });
    expect(mine.contracts.renewals.next.map((c) => c.id)).toEqual([renewalIds.in30]);
    const partners = await api.salesDashboard.get({ ...H1, pipelineId: partnersId });
    if (!partners.hasData) throw new Error("expected data");
    expect(partners.contracts.renewals.next.map((c) => c.id)).toEqual([renewalIds.in90]);
  });

  it("never counts another organization's contracts", async () => {
    const mine = await api.salesDashboard.get({ from: "2025-01-01", to: "2025-01-31" });
    if (!mine.hasData) throw new Error("expected data");
    expect(mine.contracts.signedByMonth).toEqual([{ month: "2025-01", count: 2, value: "3500.35" }]);
    expect(mine.contracts.renewals.next.map((c) => c.value)).not.toContain("777.77");

    const theirs = await callerAs(other.owner, other.slug).salesDashboard.get(H1);
    if (!theirs.hasData) throw new Error("expected data");
    expect(theirs.contracts.timeZone).toBe("UTC");
    expect(theirs.contracts.signedByMonth.map((m) => m.value)).toEqual(["777.77", "0.00", "0.00", "0.00", "0.00", "0.00"]);
    expect(theirs.contracts.renewals).toMatchObject({ count: 1, value: "777.77", needsAction: 1 });
    expect(theirs.contracts.renewals.next.map((c) => c.contractNumber)).toEqual(["C-2025-0001"]);
  });

  it("lists only the ten soonest renewals but counts them all, and says when contract currencies mix", async () => {
    const busy = await createOrgWithOwner("dash-renewals");
    const busyApi = callerAs(busy.owner, busy.slug);
    const [p] = await busyApi.pipelines.list();
    const { id } = await busyApi.opportunities.create({ pipelineId: p!.id, name: "Framework", value: "100" });
    await withOrg({ orgId: busy.orgId, userId: busy.owner.id }, async (tx) => {
      for (let i = 1; i <= 12; i++) {
        await tx.contract.create({
          data: {
            organizationId: busy.orgId, opportunityId: id, contractNumber: `R-${String(13 - i).padStart(2, "0")}`, title: `Renewal ${i}`, status: "active",
            totalValue: "10.10", currency: i === 12 ? "EUR" : "USD", startDate: isoDay("2024-01-01"), endDate: isoDay(fromToday(i * 5)), activatedAt: new Date("2024-01-01T09:00:00Z"),
          },
        });
      }
    });
    const d = await busyApi.salesDashboard.get({});
    if (!d.hasData) throw new Error("expected data");
    expect(d.contracts.renewals).toMatchObject({ count: 12, value: "121.20", autoRenew: 0, needsAction: 12 });
    expect(d.contracts.renewals.next.map((c) => c.title)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((i) => `Renewal ${i}`));
    expect(d.contracts.renewals.next.map((c) => c.ownerName)).toEqual(Array(10).fill(null));
    expect(d.contracts.currency).toEqual({ code: "USD", mixed: ["USD", "EUR"] });
    // Deals and contracts keep their own currencies.
    expect(d.currency).toEqual({ code: "USD", mixed: null });
  });
});

import { describe, expect, it } from "vitest";
import { addMember, callerAs, createOrgWithOwner, ownerPool } from "../../../test/helpers/fixtures";

async function errorOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; message: string; cause?: { field?: string; issues?: { path: (string | number)[] }[] } };
  }
  throw new Error("expected the call to fail");
}

async function setup(label: string) {
  const org = await createOrgWithOwner(label);
  const api = callerAs(org.owner, org.slug);
  const settings = async () => api.pipelines.settings();
  const [sales] = await settings();
  const stage = (name: string) => sales!.stages.find((s) => s.name === name)!;
  return { org, api, settings, sales: sales!, stage };
}

const names = (stages: { name: string }[]) => stages.map((s) => s.name);
const positions = (stages: { position: number }[]) => stages.map((s) => s.position);

async function auditActions(orgId: string, prefix: string) {
  const { rows } = await ownerPool().query<{ action: string }>(
    "SELECT action FROM audit_logs WHERE organization_id = $1 AND action LIKE $2 ORDER BY created_at, id",
    [orgId, `${prefix}%`],
  );
  return rows.map((r) => r.action);
}

describe("pipeline settings", () => {
  it("creates a pipeline with the default stages, renames it, makes it the one default and reorders pipelines", async () => {
    const { org, api, settings, sales } = await setup("pl-create");
    const partners = await api.pipelines.create({ name: "  Partners ", description: "Channel deals" });
    expect(partners.name).toBe("Partners");
    let all = await settings();
    expect(names(all)).toEqual(["Sales", "Partners"]);
    expect(names(all[1]!.stages)).toEqual(["Lead in", "Qualified", "Proposal sent", "Negotiation", "Won", "Lost"]);
    expect(positions(all[1]!.stages)).toEqual([0, 1, 2, 3, 4, 5]);

    await api.pipelines.update({ pipelineId: partners.id, values: { name: "Channel", description: "" } });
    await api.pipelines.setDefault({ pipelineId: partners.id });
    all = await settings();
    expect(all.map((p) => [p.name, p.isDefault, p.description])).toEqual([["Sales", false, null], ["Channel", true, null]]);
    // The board's list (and so the pipeline area's landing page) opens on the default.
    expect((await api.pipelines.list())[0]!.id).toBe(partners.id);

    await api.pipelines.reorder({ pipelineIds: [partners.id, sales.id] });
    expect(names(await settings())).toEqual(["Channel", "Sales"]);
    expect(await errorOf(api.pipelines.reorder({ pipelineIds: [sales.id] }))).toMatchObject({ code: "CONFLICT", cause: { field: "pipelineIds" } });

    const dup = await errorOf(api.pipelines.create({ name: "channel" }));
    expect(dup).toMatchObject({ code: "CONFLICT", message: "There is already a pipeline named Channel", cause: { field: "name" } });
    expect(await auditActions(org.orgId, "pipeline.")).toEqual(["pipeline.create", "pipeline.update", "pipeline.set_default", "pipeline.reorder"]);
  });

  it("adds an open stage ahead of won and lost, and reorders stages atomically to positions 0..n-1", async () => {
    const { api, settings, sales, stage } = await setup("pl-stages");
    const demo = await api.pipelines.addStage({ pipelineId: sales.id, values: { name: "Demo", probability: "40", rottingDays: "" } });
    await api.pipelines.addStage({ pipelineId: sales.id, values: { name: "Churned", probability: 0, isLost: true } });
    let [pipeline] = await settings();
    expect(names(pipeline!.stages)).toEqual(["Lead in", "Qualified", "Proposal sent", "Negotiation", "Demo", "Won", "Lost", "Churned"]);
    expect(pipeline!.stages.find((s) => s.id === demo.id)).toMatchObject({ probability: 40, rottingDays: null, isWon: false, isLost: false });

    const order = [stage("Lead in").id, demo.id, ...pipeline!.stages.filter((s) => !["Lead in", "Demo"].includes(s.name)).map((s) => s.id)];
    await api.pipelines.reorderStages({ pipelineId: sales.id, stageIds: order });
    [pipeline] = await settings();
    expect(names(pipeline!.stages)).toEqual(["Lead in", "Demo", "Qualified", "Proposal sent", "Negotiation", "Won", "Lost", "Churned"]);
    expect(positions(pipeline!.stages)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const board = await api.pipelines.board({ pipelineId: sales.id });
    expect(names(board.stages)).toEqual(names(pipeline!.stages));

    // A stale list (a stage missing) or a repeated stage changes nothing.
    expect(await errorOf(api.pipelines.reorderStages({ pipelineId: sales.id, stageIds: order.slice(1) }))).toMatchObject({ code: "CONFLICT", cause: { field: "stageIds" } });
    expect(await errorOf(api.pipelines.reorderStages({ pipelineId: sales.id, stageIds: [...order, order[0]!] }))).toMatchObject({ code: "BAD_REQUEST" });
    expect(names((await settings())[0]!.stages)).toEqual(names(pipeline!.stages));
  });

  it("deletes a stage by moving its deals to a chosen stage of the same kind, recording each move", async () => {
    const { org, api, settings, sales, stage } = await setup("pl-delstage");
    const first = await api.opportunities.create({ pipelineId: sales.id, stageId: stage("Qualified").id, name: "First", value: "1000" });
    const second = await api.opportunities.create({ pipelineId: sales.id, stageId: stage("Qualified").id, name: "Second", value: "3000" });

    const refused = await errorOf(api.pipelines.deleteStage({ stageId: stage("Qualified").id }));
    expect(refused).toMatchObject({ code: "CONFLICT", message: "Qualified has 2 deals; choose the stage to move them to", cause: { field: "targetStageId" } });
    expect(await errorOf(api.pipelines.deleteStage({ stageId: stage("Qualified").id, targetStageId: stage("Won").id }))).toMatchObject({ code: "BAD_REQUEST", cause: { field: "targetStageId" } });
    expect(await errorOf(api.pipelines.deleteStage({ stageId: stage("Qualified").id, targetStageId: stage("Qualified").id }))).toMatchObject({ code: "BAD_REQUEST", cause: { field: "targetStageId" } });
    const other = await api.pipelines.create({ name: "Elsewhere" });
    const elsewhere = (await settings()).find((p) => p.id === other.id)!.stages[1]!;
    expect(await errorOf(api.pipelines.deleteStage({ stageId: stage("Qualified").id, targetStageId: elsewhere.id }))).toMatchObject({ code: "BAD_REQUEST", message: "Choose a stage in the same pipeline" });

    const result = await api.pipelines.deleteStage({ stageId: stage("Qualified").id, targetStageId: stage("Negotiation").id });
    expect(result.movedDeals).toBe(2);
    const [pipeline] = await settings();
    expect(names(pipeline!.stages)).toEqual(["Lead in", "Proposal sent", "Negotiation", "Won", "Lost"]);
    expect(positions(pipeline!.stages)).toEqual([0, 1, 2, 3, 4]);
    expect(pipeline!.stages.find((s) => s.name === "Negotiation")!.dealCount).toBe(2);

    for (const { id } of [first, second]) {
      const deal = await api.opportunities.get({ id });
      expect(deal).toMatchObject({ status: "open", probability: 75, stage: { name: "Negotiation" } });
      // The whole history survives the stage: moves into and out of it keep its name.
      expect(deal.stageHistory.map((h) => [h.fromStage?.name ?? h.fromStageName, h.toStage?.name ?? h.toStageName])).toEqual([[null, "Qualified"], ["Qualified", "Negotiation"]]);
      const last = deal.stageHistory.at(-1)!;
      expect(last).toMatchObject({ toStage: { name: "Negotiation" }, fromStage: null, fromStageName: "Qualified", mover: { fullName: "pl-delstage Owner" } });
      expect(last.timeInStage).toBeGreaterThanOrEqual(0);
      expect(deal.timeline[0]!.title).toMatch(/^Moved .+ from Qualified to Negotiation \(stage Qualified was deleted\)$/);
    }
    expect(await auditActions(org.orgId, "pipeline_stage.")).toEqual(["pipeline_stage.delete"]);
  });

  it("keeps at least one open, one won and one lost stage, and at least one pipeline", async () => {
    const { api, sales, stage } = await setup("pl-invariants");
    const won = await errorOf(api.pipelines.deleteStage({ stageId: stage("Won").id }));
    expect(won).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("only won stage"), cause: { field: "stageId" } });
    expect(await errorOf(api.pipelines.deleteStage({ stageId: stage("Lost").id }))).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("only lost stage") });
    expect(await errorOf(api.pipelines.updateStage({ stageId: stage("Won").id, values: { name: "Won", probability: 100 } }))).toMatchObject({ code: "CONFLICT", cause: { field: "isWon" } });

    for (const name of ["Lead in", "Qualified", "Proposal sent"]) await api.pipelines.deleteStage({ stageId: stage(name).id });
    const lastOpen = await errorOf(api.pipelines.deleteStage({ stageId: stage("Negotiation").id }));
    expect(lastOpen).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("only open stage") });

    // A second won stage makes the first deletable.
    const closedWon = await api.pipelines.addStage({ pipelineId: sales.id, values: { name: "Closed won", probability: 100, isWon: true } });
    await api.pipelines.deleteStage({ stageId: stage("Won").id });
    expect(await errorOf(api.pipelines.deleteStage({ stageId: closedWon.id }))).toMatchObject({ code: "CONFLICT" });

    const last = await errorOf(api.pipelines.delete({ pipelineId: sales.id }));
    expect(last).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("only pipeline"), cause: { field: "pipelineId" } });
  });

  it("refuses to change a stage's kind while deals sit in it", async () => {
    const { api, sales, stage } = await setup("pl-kind");
    await api.opportunities.create({ pipelineId: sales.id, stageId: stage("Negotiation").id, name: "Busy" });
    const error = await errorOf(api.pipelines.updateStage({ stageId: stage("Negotiation").id, values: { name: "Negotiation", probability: 75, isWon: true } }));
    expect(error).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("has 1 deal;"), cause: { field: "isWon" } });
    await api.pipelines.updateStage({ stageId: stage("Proposal sent").id, values: { name: "Verbal yes", probability: 100, isWon: true } });
  });

  it("deletes a pipeline with deals only when they have somewhere to go, keeping each deal's outcome", async () => {
    const { api, settings, sales, stage } = await setup("pl-delpipe");
    const partners = await api.pipelines.create({ name: "Partners" });
    const open = await api.opportunities.create({ pipelineId: sales.id, stageId: stage("Proposal sent").id, name: "Open one", value: "200" });
    const won = await api.opportunities.create({ pipelineId: sales.id, name: "Won one" });
    await api.opportunities.move({ id: won.id, stageId: stage("Won").id });

    const refused = await errorOf(api.pipelines.delete({ pipelineId: sales.id }));
    expect(refused).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("Sales still has 2 deals"), cause: { field: "targetStageId" } });
    const target = (await settings()).find((p) => p.id === partners.id)!.stages;
    expect(await errorOf(api.pipelines.delete({ pipelineId: sales.id, targetStageId: target.find((s) => s.isWon)!.id }))).toMatchObject({ code: "BAD_REQUEST", cause: { field: "targetStageId" } });
    expect(await errorOf(api.pipelines.delete({ pipelineId: sales.id, targetStageId: stage("Lead in").id }))).toMatchObject({ code: "BAD_REQUEST", cause: { field: "targetStageId" } });

    const result = await api.pipelines.delete({ pipelineId: sales.id, targetStageId: target[0]!.id });
    expect(result.movedDeals).toBe(2);
    const all = await settings();
    expect(all.map((p) => [p.name, p.isDefault])).toEqual([["Partners", true]]);
    expect(await api.opportunities.get({ id: open.id })).toMatchObject({ status: "open", pipeline: { name: "Partners" }, stage: { name: "Lead in" }, probability: 10, weightedValue: "20.00" });
    expect(await api.opportunities.get({ id: won.id })).toMatchObject({ status: "won", pipeline: { name: "Partners" }, stage: { name: "Won" } });
  });

  it("reprices open deals when a stage's probability changes, leaving closed deals alone", async () => {
    const { api, settings, sales, stage } = await setup("pl-prob");
    const open = await api.opportunities.create({ pipelineId: sales.id, stageId: stage("Qualified").id, name: "Open", value: "10000" });
    const won = await api.opportunities.create({ pipelineId: sales.id, stageId: stage("Won").id, name: "Closed", value: "10000" });
    const result = await api.pipelines.updateStage({ stageId: stage("Qualified").id, values: { name: "Qualified", probability: "60", rottingDays: "30" } });
    expect(result.repricedDeals).toBe(1);
    expect(await api.opportunities.get({ id: open.id })).toMatchObject({ probability: 60, weightedValue: "6000.00" });
    const board = await api.pipelines.board({ pipelineId: sales.id });
    expect(board.open.weighted).toBe("6000.00");
    expect((await settings())[0]!.stages.find((s) => s.name === "Qualified")).toMatchObject({ probability: 60, rottingDays: 30 });

    await api.pipelines.updateStage({ stageId: stage("Won").id, values: { name: "Won", probability: 90, isWon: true } });
    expect(await api.opportunities.get({ id: won.id })).toMatchObject({ probability: 100, weightedValue: "10000.00" });
  });

  it("names the field on bad input and on a duplicate stage name, never a 500", async () => {
    const { api, sales, stage } = await setup("pl-input");
    const dup = await errorOf(api.pipelines.addStage({ pipelineId: sales.id, values: { name: "won", probability: 10 } }));
    expect(dup).toMatchObject({ code: "CONFLICT", message: "This pipeline already has a stage named Won", cause: { field: "name" } });
    const renamed = await errorOf(api.pipelines.updateStage({ stageId: stage("Qualified").id, values: { name: "Lead in", probability: 25 } }));
    expect(renamed).toMatchObject({ code: "CONFLICT", cause: { field: "name" } });
    // The same name in another pipeline is fine.
    const other = await api.pipelines.create({ name: "Other" });
    await api.pipelines.addStage({ pipelineId: other.id, values: { name: "Qualified again", probability: 20 } });

    for (const [values, field] of [
      [{ name: "", probability: 10 }, "name"],
      [{ name: "Odds", probability: 101 }, "probability"],
      [{ name: "Odds", probability: "" }, "probability"],
      [{ name: "Odds", probability: 2.5 }, "probability"],
      [{ name: "Rot", probability: 10, rottingDays: 0 }, "rottingDays"],
      [{ name: "Both", probability: 10, isWon: true, isLost: true }, "isLost"],
      [{ name: "x".repeat(101), probability: 10 }, "name"],
    ] as const) {
      const error = await errorOf(api.pipelines.addStage({ pipelineId: sales.id, values }));
      expect(error.code, JSON.stringify(values)).toBe("BAD_REQUEST");
      expect(error.cause?.issues?.[0]?.path, JSON.stringify(values)).toEqual(["values", field]);
    }
    expect(await errorOf(api.pipelines.create({ name: "   " }))).toMatchObject({ code: "BAD_REQUEST" });
    expect(await errorOf(api.pipelines.updateStage({ stageId: crypto.randomUUID(), values: { name: "Ghost", probability: 1 } }))).toMatchObject({ code: "NOT_FOUND", cause: { field: "stageId" } });
  });

  it("lets members read pipelines but only admins change them", async () => {
    const { org, sales, stage } = await setup("pl-perms");
    const member = callerAs(await addMember(org, "Member"), org.slug);
    expect(names(await member.pipelines.settings())).toEqual(["Sales"]);
    const attempts = [
      () => member.pipelines.create({ name: "Mine" }),
      () => member.pipelines.update({ pipelineId: sales.id, values: { name: "Mine" } }),
      () => member.pipelines.setDefault({ pipelineId: sales.id }),
      () => member.pipelines.reorder({ pipelineIds: [sales.id] }),
      () => member.pipelines.delete({ pipelineId: sales.id }),
      () => member.pipelines.addStage({ pipelineId: sales.id, values: { name: "Mine", probability: 5 } }),
      () => member.pipelines.updateStage({ stageId: stage("Lead in").id, values: { name: "Mine", probability: 5 } }),
      () => member.pipelines.reorderStages({ pipelineId: sales.id, stageIds: sales.stages.map((s) => s.id).reverse() }),
      () => member.pipelines.deleteStage({ stageId: stage("Lead in").id }),
    ];
    for (const attempt of attempts) expect(await errorOf(attempt())).toMatchObject({ code: "FORBIDDEN", message: "Your role (Member) cannot admin pipelines" });
    const admin = callerAs(await addMember(org, "Admin"), org.slug);
    await expect(admin.pipelines.create({ name: "Admin's" })).resolves.toMatchObject({ name: "Admin's" });
  });
});

import { describe, expect, it } from "vitest";
import { addMember, callerAs, createOrgWithOwner, ownerPool } from "../../../test/helpers/fixtures";

async function setup(label: string) {
  const org = await createOrgWithOwner(label);
  const api = callerAs(org.owner, org.slug);
  const [pipeline] = await api.pipelines.list();
  const stage = (name: string) => pipeline!.stages.find((s) => s.name === name)!;
  return { org, api, pipeline: pipeline!, stage };
}

describe("pipelines and opportunities", () => {
  it("gives every new organization a default pipeline with ordered stages", async () => {
    const { pipeline } = await setup("opp-default");
    expect(pipeline.name).toBe("Sales");
    expect(pipeline.stages.map((s) => [s.name, s.probability])).toEqual([
      ["Lead in", 10], ["Qualified", 25], ["Proposal sent", 50], ["Negotiation", 75], ["Won", 100], ["Lost", 0],
    ]);
  });

  it("creates a deal in the first stage with the stage's probability and a weighted value", async () => {
    const { api, pipeline } = await setup("opp-create");
    const company = await api.companies.create({ name: "Buyer Co" });
    const { id } = await api.opportunities.create({ pipelineId: pipeline.id, name: "Buyer Co renewal", value: "40,000", companyId: company.id, expectedCloseDate: "2026-12-15" });
    const deal = await api.opportunities.get({ id });
    expect(deal).toMatchObject({ status: "open", probability: 10, value: "40000.00", weightedValue: "4000.00" });
    expect(deal.stage.name).toBe("Lead in");
    expect(deal.stageHistory).toHaveLength(1);
    expect((await api.companies.get({ id: company.id })).timeline[0]!.title).toContain("Buyer Co renewal");
  });

  it("moves a deal through stages, recording history, and closes it as won or lost", async () => {
    const { api, pipeline, stage } = await setup("opp-move");
    const { id } = await api.opportunities.create({ pipelineId: pipeline.id, name: "Big deal", value: "100000" });
    await api.opportunities.move({ id, stageId: stage("Negotiation").id });
    let deal = await api.opportunities.get({ id });
    expect(deal).toMatchObject({ probability: 75, weightedValue: "75000.00", status: "open" });
    await expect(api.opportunities.move({ id, stageId: stage("Lost").id })).rejects.toMatchObject({ code: "BAD_REQUEST", message: "Say why the deal was lost" });
    await api.opportunities.move({ id, stageId: stage("Won").id, reason: "Best fit" });
    deal = await api.opportunities.get({ id });
    expect(deal).toMatchObject({ status: "won", probability: 100, closedReason: "Best fit" });
    expect(deal.actualCloseDate).not.toBeNull();
    expect(deal.stageHistory.map((h) => [h.fromStage?.name ?? null, h.toStage?.name])).toEqual([[null, "Lead in"], ["Lead in", "Negotiation"], ["Negotiation", "Won"]]);
    expect(deal.stageHistory[1]!.timeInStage).toBeGreaterThanOrEqual(0);
    expect(deal.timeline.map((e) => e.title)).toContain("Won Big deal");
  });

  it("refuses a stage from another pipeline", async () => {
    const { org, api, pipeline } = await setup("opp-other");
    const { id } = await api.opportunities.create({ pipelineId: pipeline.id, name: "Deal" });
    const other = await ownerPool().query<{ id: string }>(
      `WITH p AS (INSERT INTO pipelines (organization_id, name) VALUES ($1, 'Partners') RETURNING id)
       INSERT INTO pipeline_stages (organization_id, pipeline_id, name, position) SELECT $1, id, 'Intro', 0 FROM p RETURNING id`,
      [org.orgId],
    );
    await expect(api.opportunities.move({ id, stageId: other.rows[0]!.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("builds the board: per-stage counts and sums over every deal, capped cards, owner and date filters", async () => {
    const { org, api, pipeline, stage } = await setup("opp-board");
    const rep = await addMember(org, "Member");
    for (let i = 1; i <= 5; i++) await api.opportunities.create({ pipelineId: pipeline.id, name: `Lead ${i}`, value: String(i * 1000), expectedCloseDate: `2026-0${i}-10` });
    await api.opportunities.create({ pipelineId: pipeline.id, stageId: stage("Qualified").id, name: "Rep deal", value: "500", ownerId: rep.id });
    const board = await api.pipelines.board({ pipelineId: pipeline.id, perStage: 3 });
    const leadIn = board.stages.find((s) => s.name === "Lead in")!;
    expect(leadIn).toMatchObject({ count: 5, value: "15000.00", weighted: "1500.00" });
    expect(leadIn.cards.map((c) => c.name)).toEqual(["Lead 1", "Lead 2", "Lead 3"]);
    const mine = await api.pipelines.board({ pipelineId: pipeline.id, ownerId: rep.id });
    expect(mine.stages.reduce((n, s) => n + s.count, 0)).toBe(1);
    const spring = await api.pipelines.board({ pipelineId: pipeline.id, closeFrom: "2026-02-01", closeTo: "2026-03-31" });
    expect(spring.stages.find((s) => s.name === "Lead in")!.cards.map((c) => c.name)).toEqual(["Lead 2", "Lead 3"]);
  });

  it("edits a deal's facts and team, archives it off the board, and deletes it", async () => {
    const { org, api, pipeline } = await setup("opp-edit");
    const colleague = await addMember(org, "Member");
    const company = await api.companies.create({ name: "Editable Co" });
    const { id } = await api.opportunities.create({ pipelineId: pipeline.id, name: "Draft deal", value: "1000" });
    await api.opportunities.update({ id, values: { name: "Real deal", value: "2,500.50", expectedCloseDate: "2027-03-31", companyId: company.id, teamMemberIds: [colleague.id, colleague.id] } });
    let deal = await api.opportunities.get({ id });
    expect(deal).toMatchObject({ name: "Real deal", value: "2500.50", weightedValue: "250.05", companyId: company.id, teamMembers: [colleague.id] });
    expect(deal.team.map((t) => t.id)).toEqual([colleague.id]);
    expect(deal.timeline[0]!.title).toBe("Updated value 1000.00 → 2500.50, close date");
    const stranger = await createOrgWithOwner("opp-edit-stranger");
    await expect(api.opportunities.update({ id, values: { name: "x", teamMemberIds: [stranger.owner.id] } })).rejects.toMatchObject({ code: "NOT_FOUND", message: expect.stringContaining("not a member") });

    await api.opportunities.archive({ id, archived: true });
    const board = await api.pipelines.board({ pipelineId: pipeline.id });
    expect(board.open.count).toBe(0);
    await expect(api.opportunities.archive({ id, archived: true })).rejects.toMatchObject({ code: "CONFLICT" });
    deal = await api.opportunities.get({ id });
    expect(deal.isArchived).toBe(true);

    const member = callerAs(colleague, org.slug);
    await expect(member.opportunities.delete({ id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await api.opportunities.delete({ id });
    await expect(api.opportunities.get({ id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

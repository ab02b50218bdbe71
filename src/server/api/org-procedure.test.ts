import { describe, expect, it } from "vitest";
import { z } from "zod";
import { addMember, callerAs, createOrgWithOwner, ownerPool } from "../../../test/helpers/fixtures";
import { orgPhasedProcedure, orgProcedure, router, createCallerFactory } from "./trpc";

describe("orgProcedure", () => {
  it("requires a signed-in user", async () => {
    const org = await createOrgWithOwner("anon");
    await expect(callerAs(null, org.slug).organizations.current()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("checks the permission in the procedure's meta against the member's role", async () => {
    const org = await createOrgWithOwner("perms");
    const viewer = await addMember(org, "Viewer");
    const manager = await addMember(org, "Manager");
    await expect(callerAs(viewer, org.slug).audit.list({ limit: 10 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const entries = await callerAs(manager, org.slug).audit.list({ limit: 10 });
    expect(entries.items.map((e) => e.action)).toContain("organization.create");
    const members = await callerAs(viewer, org.slug).members.list({});
    expect(members).toHaveLength(3);
  });

  it("drops access on the next request once a membership is removed", async () => {
    const org = await createOrgWithOwner("removed");
    const member = await addMember(org, "Member");
    await expect(callerAs(member, org.slug).members.list({})).resolves.toHaveLength(2);
    await ownerPool().query(`DELETE FROM memberships WHERE user_id = $1`, [member.id]);
    await expect(callerAs(member, org.slug).members.list({})).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("rolls back a mutation that forgot its audit entry", async () => {
    const org = await createOrgWithOwner("unaudited");
    const name = `Unaudited ${Date.now()}`;
    const testRouter = router({
      sloppy: orgProcedure.input(z.object({})).mutation(async ({ ctx }) => {
        await ctx.scope.tx.role.create({ data: { organizationId: ctx.scope.orgId, name } });
      }),
      careful: orgProcedure.input(z.object({})).mutation(async ({ ctx }) => {
        const role = await ctx.scope.tx.role.create({ data: { organizationId: ctx.scope.orgId, name: `${name} ok` } });
        await ctx.scope.audit({ action: "role.create", resourceType: "role", resourceId: role.id, newValues: { name: role.name } });
      }),
    });
    const caller = createCallerFactory(testRouter)({ session: { sessionId: "x", user: { id: org.owner.id, email: org.owner.email, fullName: "", firstName: "", isSuperAdmin: false } }, meta: { ip: null, userAgent: null }, orgSlug: org.slug });
    await expect(caller.sloppy({})).rejects.toMatchObject({ code: "INTERNAL_SERVER_ERROR" });
    await caller.careful({});
    const { rows } = await ownerPool().query(`SELECT name FROM roles WHERE organization_id = $1 AND name LIKE $2 ORDER BY name`, [org.orgId, `${name}%`]);
    expect(rows.map((r) => r.name)).toEqual([`${name} ok`]);
    const audit = await ownerPool().query(`SELECT user_id FROM audit_logs WHERE organization_id = $1 AND action = 'role.create'`, [org.orgId]);
    expect(audit.rows).toEqual([{ user_id: org.owner.id }]);
  });

  it("lets a mutation that changed nothing finish without an audit entry; one that wrote still needs it", async () => {
    const org = await createOrgWithOwner("no-op");
    const name = `Phased ${Date.now()}`;
    const testRouter = router({
      unchanged: orgProcedure.input(z.object({})).mutation(async ({ ctx }) => ctx.scope.tx.role.count()),
      phasedUnchanged: orgPhasedProcedure.input(z.object({})).mutation(async ({ ctx }) => ctx.inOrg((scope) => scope.tx.role.count())),
      phasedSloppy: orgPhasedProcedure.input(z.object({})).mutation(async ({ ctx }) => {
        await ctx.inOrg((scope) => scope.tx.role.create({ data: { organizationId: scope.orgId, name } }));
        await ctx.inOrg((scope) => scope.tx.role.count());
      }),
    });
    const caller = createCallerFactory(testRouter)({ session: { sessionId: "x", user: { id: org.owner.id, email: org.owner.email, fullName: "", firstName: "", isSuperAdmin: false } }, meta: { ip: null, userAgent: null }, orgSlug: org.slug });
    await expect(caller.unchanged({})).resolves.toBeGreaterThan(0);
    await expect(caller.phasedUnchanged({})).resolves.toBeGreaterThan(0);
    await expect(caller.phasedSloppy({})).rejects.toMatchObject({ code: "INTERNAL_SERVER_ERROR", message: "Mutation finished without writing an audit log entry" });
  });

  it("a no-op change (a task set to the status it has, a deal moved to the stage it is in) succeeds and records nothing", async () => {
    const org = await createOrgWithOwner("no-op-real");
    const api = callerAs(org.owner, org.slug);
    const task = await api.tasks.create({ title: "Already open" });
    const [pipeline] = await api.pipelines.list();
    const deal = await api.opportunities.create({ pipelineId: pipeline!.id, name: "Stays put" });
    const counts = async () => (await ownerPool().query<{ audit: number; timeline: number }>(
      `SELECT (SELECT count(*)::int FROM audit_logs WHERE organization_id = $1) AS audit, (SELECT count(*)::int FROM timeline_events WHERE organization_id = $1) AS timeline`,
      [org.orgId],
    )).rows[0]!;
    const before = await counts();
    const { status } = await api.tasks.get({ id: task.id });
    await expect(api.tasks.setStatus({ id: task.id, status })).resolves.toEqual({ id: task.id });
    await expect(api.opportunities.move({ id: deal.id, stageId: pipeline!.stages[0]!.id })).resolves.toMatchObject({ id: deal.id, status: "open" });
    expect(await counts()).toEqual(before);
    // A real change is still audited.
    await api.tasks.setStatus({ id: task.id, status: "completed" });
    expect((await counts()).audit).toBe(before.audit + 1);
  });
});

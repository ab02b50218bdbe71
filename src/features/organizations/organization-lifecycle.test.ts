import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { addMember, callerAs, createOrgWithOwner, ownerPool } from "../../../test/helpers/fixtures";
import { billingOn, subscribe } from "../../../test/helpers/billing";
import { buildTenantWorld } from "../../../test/helpers/tenant-data";
import { readZip } from "../../../test/helpers/zip";
import { stopJobQueue } from "@/server/jobs/boss";
import { startJobWorkers } from "@/server/jobs/workers";
import { exportFilePath } from "./export-files";

beforeAll(async () => { process.env.PARLEY_EXPORT_DIR = ".data/test-exports"; await startJobWorkers(); });
afterAll(async () => { await stopJobQueue(); delete process.env.PARLEY_EXPORT_DIR; });

async function tenantTables(): Promise<string[]> {
  const { rows } = await ownerPool().query<{ name: string }>(`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
      AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'organization_id' AND NOT a.attisdropped)`);
  return rows.map((r) => r.name);
}

async function rowsOf(orgId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await tenantTables()) {
    const { rows } = await ownerPool().query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}" WHERE organization_id = $1`, [orgId]);
    counts[table] = rows[0]!.n;
  }
  return counts;
}

describe("organization settings", () => {
  it("changes name, address, logo, time zone and currency, audited; refuses bad values naming the field", async () => {
    const org = await createOrgWithOwner("settings");
    const taken = await createOrgWithOwner("settings-taken");
    const api = callerAs(org.owner, org.slug);
    const newSlug = `${org.slug}-renamed`;
    const saved = await api.organizations.updateSettings({ name: "Renamed Inc", slug: newSlug, logoUrl: "logo.example/acme.png", timezone: "Europe/Berlin", currency: "eur" });
    expect(saved).toMatchObject({ name: "Renamed Inc", slug: newSlug, logoUrl: "https://logo.example/acme.png", timezone: "Europe/Berlin", currency: "EUR" });
    const moved = callerAs(org.owner, newSlug);
    expect((await moved.audit.list({ action: "organization.update" })).items[0]).toMatchObject({ oldValues: { name: "settings Inc", timezone: "UTC", currency: "USD" }, newValues: { name: "Renamed Inc", slug: newSlug } });
    await expect(callerAs(org.owner, org.slug).organizations.settings()).rejects.toMatchObject({ code: "NOT_FOUND" });

    const base = { name: "Renamed Inc", slug: newSlug, timezone: "UTC", currency: "USD" };
    await expect(moved.organizations.updateSettings({ ...base, timezone: "Mars/Olympus" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("time zone") });
    await expect(moved.organizations.updateSettings({ ...base, currency: "XXQ" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("currency") });
    await expect(moved.organizations.updateSettings({ ...base, slug: "pricing" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("reserved") });
    await expect(moved.organizations.updateSettings({ ...base, slug: "Bad Slug!" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(moved.organizations.updateSettings({ ...base, slug: taken.slug })).rejects.toMatchObject({ code: "CONFLICT", message: "That address is taken; choose another" });
    const member = callerAs(await addMember({ ...org, slug: newSlug }, "Member"), newSlug);
    await expect(member.organizations.updateSettings(base)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await member.organizations.settings()).toMatchObject({ name: "Renamed Inc" });
  });
});

describe("organization export", () => {
  it("zips every tenant table's rows of this organization only, with progress, in the background", async () => {
    const world = await buildTenantWorld();
    const api = callerAs(world.a.owner, world.a.slug);
    const { id } = await api.organizations.requestExport();
    await expect(api.organizations.requestExport()).rejects.toMatchObject({ code: "CONFLICT" });
    const done = await vi.waitFor(async () => {
      const current = await api.organizations.export({ id });
      expect(current.status).not.toMatch(/^(queued|running)$/);
      return current;
    }, { timeout: 20_000, interval: 100 });
    const tables = await tenantTables();
    expect(done).toMatchObject({ status: "completed", tablesTotal: tables.length, tablesDone: tables.length, downloadable: true });
    expect(done.fileSize).toBeGreaterThan(0);

    const zip = await readZip(exportFilePath(world.a.orgId, id));
    expect([...zip.keys()].sort()).toEqual([...tables.map((t) => `${t}.csv`), "organization.json"].sort());
    const manifest = JSON.parse(zip.get("organization.json")!) as { organization: { id: string }; tables: Record<string, number> };
    expect(manifest.organization.id).toBe(world.a.orgId);
    const expected = await rowsOf(world.a.orgId);
    for (const t of tables) if (t !== "organization_exports" && t !== "audit_logs") expect([t, manifest.tables[t]]).toEqual([t, expected[t]]);
    const everything = [...zip.values()].join("\n");
    expect(everything).toContain(`${world.a.slug} Customer Co`);
    expect(everything).not.toContain(world.b.slug);
    expect(everything).not.toContain(world.b.orgId);
    expect(zip.get("api_keys.csv")!.split("\r\n")[0]).not.toContain("key_hash");

    await expect(callerAs(await addMember(world.a, "Manager"), world.a.slug).organizations.requestExport()).rejects.toMatchObject({ code: "FORBIDDEN" });
  }, 60_000);
});

describe("organization deletion", () => {
  it("removes every row of every tenant table of that organization only, when its Owner types its name", async () => {
    const world = await buildTenantWorld();
    const owner = callerAs(world.a.owner);
    const admin = await addMember(world.a, "Admin");
    await expect(callerAs(admin).organizations.delete({ slug: world.a.slug, confirmName: "alpha Inc" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(owner.organizations.delete({ slug: world.a.slug, confirmName: "alpha inc" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("exactly") });
    await expect(callerAs(world.b.owner).organizations.delete({ slug: world.a.slug, confirmName: "alpha Inc" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const before = await rowsOf(world.a.orgId);
    expect(Object.entries(before).filter(([, n]) => n === 0).map(([t]) => t)).toEqual([]);
    const bBefore = await rowsOf(world.b.orgId);

    expect(await owner.organizations.delete({ slug: world.a.slug, confirmName: "alpha Inc" })).toMatchObject({ name: "alpha Inc", slug: world.a.slug });
    const after = await rowsOf(world.a.orgId);
    expect(Object.entries(after).filter(([, n]) => n > 0)).toEqual([]);
    expect(await rowsOf(world.b.orgId)).toEqual(bBefore);
    const { rows } = await ownerPool().query("SELECT event, details FROM security_events WHERE user_id = $1 AND event = 'organization.delete'", [world.a.owner.id]);
    expect(rows).toEqual([{ event: "organization.delete", details: expect.objectContaining({ organizationId: world.a.orgId, name: "alpha Inc" }) }]);
    await expect(callerAs(world.a.owner, world.a.slug).organizations.current()).rejects.toMatchObject({ code: "NOT_FOUND" });
  }, 60_000);
});

describe("organization deletion with a paid plan", () => {
  it("ends the Stripe subscription first, and deletes nothing when Stripe cannot be reached", async () => {
    const billing = await billingOn();
    try {
      const org = await createOrgWithOwner("delete-paid");
      const { subscriptionId } = await subscribe(billing.double, org);
      const owner = callerAs(org.owner);
      billing.double.fail(/DELETE \/v1\/subscriptions\//, 503, 1);
      await expect(owner.organizations.delete({ slug: org.slug, confirmName: "delete-paid Inc" })).rejects.toMatchObject({ code: "SERVICE_UNAVAILABLE" });
      expect(await callerAs(org.owner, org.slug).organizations.current()).toMatchObject({ id: org.orgId });

      await owner.organizations.delete({ slug: org.slug, confirmName: "delete-paid Inc" });
      expect(billing.double.mutateSubscription(subscriptionId, () => {})).toMatchObject({ status: "canceled" });
      expect((await rowsOf(org.orgId)).billing_subscriptions).toBe(0);
    } finally {
      await billing.stop();
    }
  }, 60_000);
});

// An organization export whose worker went away: retried or failed within the stale limit, its
// part file removed, and the one-export-at-a-time lock held only while a worker is alive.
import { randomUUID } from "node:crypto";
import { mkdir, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { callerAs, createOrgWithOwner, ownerPool } from "../../../test/helpers/fixtures";
import { stopJobQueue } from "@/server/jobs/boss";
import { sweepStaleJobs } from "@/server/jobs/sweep";
import { startJobWorkers } from "@/server/jobs/workers";
import { cleanExportFiles } from "./export-file-cleanup";
import { exportFilePath, exportPartPath } from "./export-files";

type Api = ReturnType<typeof callerAs>;

beforeAll(() => { process.env.PARLEY_EXPORT_DIR = path.resolve(".data/test-exports-jobs"); });
afterAll(async () => { await stopJobQueue(); delete process.env.PARLEY_EXPORT_DIR; });

/** Leaves `id` as a server that died while writing it would: running, silent, a part file on disk. */
async function killExport(orgId: string, id: string, attempts: number) {
  const deadJob = randomUUID();
  await ownerPool().query(`UPDATE organization_exports SET status = 'running', job_id = $2, attempts = $3, tables_total = 40, tables_done = 7,
    started_at = now() - interval '10 minutes', heartbeat_at = now() - interval '10 minutes' WHERE id = $1`, [id, deadJob, attempts]);
  const part = exportPartPath(orgId, id, deadJob);
  await mkdir(path.dirname(part), { recursive: true });
  await writeFile(part, "PK half a zip");
  return part;
}

const filesOf = async (orgId: string) => (await readdir(path.dirname(exportFilePath(orgId, randomUUID()))).catch(() => [] as string[])).sort();

const settled = (api: Api, id: string) =>
  vi.waitFor(async () => {
    const e = await api.organizations.export({ id });
    expect(e.status === "queued" || e.status === "running").toBe(false);
    return e;
  }, { timeout: 60_000, interval: 100 });

describe("an organization export whose worker went away", () => {
  it("is retried by the sweep from scratch, its part file removed, and completes", async () => {
    await stopJobQueue();
    const org = await createOrgWithOwner("export-retried");
    const api = callerAs(org.owner, org.slug);
    const { id } = await api.organizations.requestExport();
    // Just asked for, its job waiting for a worker: the lock holds.
    await expect(api.organizations.requestExport()).rejects.toMatchObject({ code: "CONFLICT" });
    const part = await killExport(org.orgId, id, 1);
    expect(await filesOf(org.orgId)).toEqual([path.basename(part)]);

    expect(await sweepStaleJobs({ staleAfterMs: 1000 })).toMatchObject({ requeued: 1 });
    expect(await filesOf(org.orgId)).toEqual([]);
    expect(await api.organizations.export({ id })).toMatchObject({ status: "queued", tablesDone: 0 });
    await startJobWorkers();
    expect(await settled(api, id)).toMatchObject({ status: "completed", downloadable: true });
    expect(await filesOf(org.orgId)).toEqual([`${id}.zip`]);
    await expect(api.organizations.requestExport()).resolves.toMatchObject({ id: expect.any(String) });
  }, 90_000);

  it("is failed when it was started too often, its part file removed, and a new export is accepted", async () => {
    await stopJobQueue();
    const org = await createOrgWithOwner("export-failed");
    const api = callerAs(org.owner, org.slug);
    const { id } = await api.organizations.requestExport();
    await killExport(org.orgId, id, 2);
    expect(await sweepStaleJobs({ staleAfterMs: 1000 })).toMatchObject({ givenUp: 1 });
    expect(await api.organizations.export({ id })).toMatchObject({ status: "failed", error: "The export stopped before it finished (its server went away). Ask for a new one." });
    expect(await filesOf(org.orgId)).toEqual([]);
    await startJobWorkers();
    const next = await api.organizations.requestExport();
    expect(await settled(api, next.id)).toMatchObject({ status: "completed" });
  }, 90_000);

  it("does not hold the lock once its heartbeat is stale: a new request replaces it at once", async () => {
    await stopJobQueue();
    const org = await createOrgWithOwner("export-replaced");
    const api = callerAs(org.owner, org.slug);
    const { id } = await api.organizations.requestExport();
    await killExport(org.orgId, id, 1);
    // The old code answered 409 here for an hour.
    const next = await api.organizations.requestExport();
    expect(next.id).not.toBe(id);
    expect(await api.organizations.export({ id })).toMatchObject({ status: "failed" });
    await vi.waitFor(async () => expect((await filesOf(org.orgId)).filter((f) => f.startsWith(id))).toEqual([]));
    await startJobWorkers();
    expect(await settled(api, next.id)).toMatchObject({ status: "completed" });
  }, 90_000);

  it("file cleanup removes parts nobody owns and zips past their download period, and keeps the rest", async () => {
    const org = await createOrgWithOwner("export-cleanup");
    const api = callerAs(org.owner, org.slug);
    await startJobWorkers();
    const { id } = await api.organizations.requestExport();
    await settled(api, id);
    const stray = exportPartPath(org.orgId, id, randomUUID());
    await writeFile(stray, "left by a dead job");
    expect(await filesOf(org.orgId)).toEqual([`${id}.zip`, path.basename(stray)].sort());
    await cleanExportFiles();
    expect(await filesOf(org.orgId)).toEqual([`${id}.zip`]);
    await cleanExportFiles({ now: Date.now() + 8 * 86_400_000 });
    expect(await filesOf(org.orgId)).toEqual([]);
  }, 60_000);
});

// Imports and undos whose worker went away: judged by their heartbeat, resumed by a new job
// where the last batch committed (exact counts), or given up on cleanly with undo available.
// Never "running" forever.
import { randomBytes, randomUUID } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { callerAs, createOrgWithOwner, ownerPool } from "../../../test/helpers/fixtures";
import { isJobWaiting, stopJobQueue } from "@/server/jobs/boss";
import { QUEUES } from "@/server/jobs/queues";
import { sweepStaleJobs } from "@/server/jobs/sweep";
import { startJobWorkers } from "@/server/jobs/workers";
import { stagedPath } from "./import-files";

type Api = ReturnType<typeof callerAs>;

beforeAll(() => { process.env.PARLEY_UPLOAD_DIR = path.resolve(".data/test-uploads"); });
afterAll(async () => { await stopJobQueue(); delete process.env.PARLEY_UPLOAD_DIR; });

async function upload(api: Api, csv: string) {
  const token = randomBytes(16).toString("hex");
  await mkdir(path.dirname(stagedPath(token)), { recursive: true });
  await writeFile(stagedPath(token), csv);
  const { id } = await api.imports.create({ resource: "companies", fileName: "companies.csv", uploadToken: token });
  return { id, mapping: (await api.imports.get({ id })).mapping };
}

const settled = (api: Api, id: string, status: string) =>
  vi.waitFor(async () => {
    const imp = await api.imports.get({ id });
    expect(imp.status).toBe(status);
    return imp;
  }, { timeout: 60_000, interval: 50 });

/** 6,000 companies (12 batches): every 97th row has no name (rejected), every 40th repeats an earlier one (skipped). */
function companiesCsv(): string {
  const lines = ["Name,Website,Employees"];
  for (let n = 1; n <= 6000; n++) {
    const name = n % 97 === 0 ? "" : n % 40 === 0 ? `Resumable Co ${n - 39}` : `Resumable Co ${n}`;
    lines.push(`${name},r${n}.example,${n % 500}`);
  }
  return lines.join("\n");
}

const counts = (imp: { processedRows: number; createdCount: number; updatedCount: number; skippedCount: number; rejectedCount: number }) =>
  ({ processedRows: imp.processedRows, createdCount: imp.createdCount, updatedCount: imp.updatedCount, skippedCount: imp.skippedCount, rejectedCount: imp.rejectedCount });

describe("an import whose worker went away", () => {
  it("is resumed by a new worker after its last committed batch, to completion with exact counts", async () => {
    await startJobWorkers();
    const csv = companiesCsv();
    // The same file imported without interruption, for the counts to compare with.
    const reference = await createOrgWithOwner("import-reference");
    const refApi = callerAs(reference.owner, reference.slug);
    const ref = await upload(refApi, csv);
    await refApi.imports.start({ id: ref.id, mapping: ref.mapping });
    const expected = await settled(refApi, ref.id, "completed");

    const org = await createOrgWithOwner("import-resume");
    const api = callerAs(org.owner, org.slug);
    const { id, mapping } = await upload(api, csv);
    await api.imports.start({ id, mapping });
    await vi.waitFor(async () => expect((await api.imports.get({ id })).processedRows).toBeGreaterThanOrEqual(1000), { timeout: 30_000, interval: 20 });

    // Hold the next batch at its start (it locks the import row first), then stop this
    // "server": the batch rolls back and nothing more is written, as if the process had died.
    const lock = await ownerPool().connect();
    try {
      await lock.query("BEGIN");
      await lock.query("SELECT id FROM imports WHERE id = $1 FOR UPDATE", [id]);
      const stopping = stopJobQueue();
      await lock.query("ROLLBACK");
      await stopping;
    } finally {
      lock.release();
    }
    const stopped = await api.imports.get({ id });
    expect(stopped.status).toBe("running");
    expect(stopped.processedRows).toBeGreaterThanOrEqual(1000);
    expect(stopped.processedRows).toBeLessThan(6000);
    const deadJob = stopped.jobId;

    // No worker stamps the heartbeat now; with a short stale limit the sweep hands the import on.
    await vi.waitFor(async () => expect((await sweepStaleJobs({ staleAfterMs: 200 })).requeued).toBe(1), { timeout: 10_000, interval: 100 });
    const requeued = await api.imports.get({ id });
    expect(requeued).toMatchObject({ status: "running", attempts: 2, processedRows: stopped.processedRows });
    expect(requeued.jobId).not.toBe(deadJob);

    await startJobWorkers();
    const done = await settled(api, id, "completed");
    expect(counts(done)).toEqual(counts(expected));
    expect(done.processedRows).toBe(6000);
    const { rows } = await ownerPool().query<{ companies: number; names: number; rejects: number; rejectRows: number }>(`
      SELECT (SELECT count(*)::int FROM companies WHERE organization_id = $1) AS companies,
             (SELECT count(DISTINCT name)::int FROM companies WHERE organization_id = $1) AS names,
             (SELECT count(*)::int FROM import_rejects WHERE import_id = $2) AS rejects,
             (SELECT count(DISTINCT row_number)::int FROM import_rejects WHERE import_id = $2) AS "rejectRows"`, [org.orgId, id]);
    expect(rows[0]).toEqual({ companies: expected.createdCount, names: expected.createdCount, rejects: expected.rejectedCount, rejectRows: expected.rejectedCount });
  }, 180_000);

  it("whose job still waits for a worker is left alone; one started too often is failed, and can be undone", async () => {
    await stopJobQueue();
    const org = await createOrgWithOwner("import-gave-up");
    const api = callerAs(org.owner, org.slug);
    const { id, mapping } = await upload(api, "Name\nHalf Done Co\n");
    await api.imports.start({ id, mapping });
    await ownerPool().query("UPDATE imports SET heartbeat_at = now() - interval '10 minutes' WHERE id = $1", [id]);
    const queued = await api.imports.get({ id });
    expect(await isJobWaiting(QUEUES.importRun, queued.jobId!)).toBe(true);
    expect(await sweepStaleJobs({ staleAfterMs: 1000 })).toMatchObject({ waiting: 1, requeued: 0, givenUp: 0 });
    expect((await api.imports.get({ id })).jobId).toBe(queued.jobId);

    await startJobWorkers();
    await settled(api, id, "completed");
    // As a server that died a third time after writing its first batch would have left it.
    await ownerPool().query(`UPDATE imports SET status = 'running', finished_at = NULL, attempts = 3, job_id = $2,
      heartbeat_at = now() - interval '10 minutes' WHERE id = $1`, [id, randomUUID()]);
    expect(await sweepStaleJobs({ staleAfterMs: 1000 })).toMatchObject({ givenUp: 1 });
    expect(await api.imports.get({ id })).toMatchObject({
      status: "failed", jobId: null, error: "The server stopped after 1 of 1 rows of this import. Undo it to remove what it wrote, then import the file again.",
    });
    await api.imports.undo({ id });
    await settled(api, id, "undone");
    expect((await api.companies.list({})).total).toBe(0);
  }, 60_000);

  it("an undo whose worker went away carries on where its last batch committed", async () => {
    await startJobWorkers();
    const org = await createOrgWithOwner("undo-resume");
    const api = callerAs(org.owner, org.slug);
    const { id, mapping } = await upload(api, "Name\nOne Co\nTwo Co\nThree Co\n");
    await api.imports.start({ id, mapping });
    await settled(api, id, "completed");
    // As a server that died after the undo's first batch: one company gone, counted, then silence.
    await ownerPool().query(`DELETE FROM companies WHERE id = (SELECT id FROM companies WHERE import_id = $1 ORDER BY name LIMIT 1)`, [id]);
    await ownerPool().query(`UPDATE imports SET status = 'undoing', undo_total = 3, undo_done = 1, attempts = 1, job_id = $2, undone_by = $3,
      heartbeat_at = now() - interval '10 minutes' WHERE id = $1`, [id, randomUUID(), org.owner.id]);
    expect(await sweepStaleJobs({ staleAfterMs: 1000 })).toMatchObject({ requeued: 1 });
    const done = await settled(api, id, "undone");
    expect(done).toMatchObject({ undoTotal: 3, undoDone: 3, error: null });
    expect((await api.companies.list({})).total).toBe(0);

    // An undo that stopped (an error, or given up on) says how far it got; asking again finishes it.
    const second = await upload(api, "Name\nFour Co\nFive Co\n");
    await api.imports.start({ id: second.id, mapping: second.mapping });
    await settled(api, second.id, "completed");
    await ownerPool().query(`UPDATE imports SET status = 'undoing', undo_total = 2, undo_done = 0, job_id = NULL, heartbeat_at = NULL,
      error = 'The undo stopped after 0 of 2 records because of an error. Nothing is half-removed: undo again to finish it.' WHERE id = $1`, [second.id]);
    expect(await sweepStaleJobs({ staleAfterMs: 1000 })).toMatchObject({ requeued: 0, givenUp: 0 });
    expect(await api.imports.undo({ id: second.id })).toEqual({ id: second.id, status: "undoing" });
    await expect(api.imports.undo({ id: second.id })).rejects.toMatchObject({ code: "CONFLICT", message: "This import is already being undone" });
    expect(await settled(api, second.id, "undone")).toMatchObject({ undoTotal: 2, undoDone: 2, error: null });
  }, 60_000);
});

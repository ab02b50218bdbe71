// What this process works on: every queue's handler, registered once when the server starts
// (src/instrumentation.ts) or when a test asks, and pg-boss cron schedules (kept in the database,
// so whichever server is up sends them). Starting also sweeps once: work a server left behind
// when it died is taken up without waiting for the next minute.
import type PgBoss from "pg-boss";
import { runContractRenewals } from "@/features/contracts/contract-renewals.job";
import { cleanImportFiles } from "@/features/imports/import-file-cleanup";
import type { ImportJob } from "@/features/imports/import-job";
import { runImport } from "@/features/imports/import-runner";
import { runImportUndo } from "@/features/imports/import-undo";
import { cleanExportFiles } from "@/features/organizations/export-file-cleanup";
import { type ExportJob, runOrganizationExport } from "@/features/organizations/organization-export.job";
import { jobQueue } from "./boss";
import { QUEUES } from "./queues";
import { sweepStaleJobs } from "./sweep";

export const CONTRACT_RENEWALS_CRON = "7 * * * *";
export const JOB_SWEEP_CRON = "* * * * *";
export const FILE_CLEANUP_CRON = "23 * * * *";
/** Imports and undos each run this many at a time per server (one pg-boss polling loop each). */
const IMPORT_WORKERS = 2;

let registered: { boss: PgBoss; done: Promise<void> } | null = null;

async function cleanUpFiles() {
  const [imports, exports] = await Promise.all([cleanImportFiles(), cleanExportFiles()]);
  const removed = imports.removed.length + exports.removed.length;
  if (removed) console.log(`file cleanup: removed ${removed} file(s)`);
}

async function register(boss: PgBoss): Promise<void> {
  const polling = { pollingIntervalSeconds: 1 };
  for (let i = 0; i < IMPORT_WORKERS; i++) {
    await boss.work<ImportJob>(QUEUES.importRun, polling, async ([job]) => { if (job) await runImport(job.data, job.id); });
    await boss.work<ImportJob>(QUEUES.importUndo, polling, async ([job]) => { if (job) await runImportUndo(job.data, job.id); });
  }
  await boss.work<ExportJob>(QUEUES.organizationExport, polling, async ([job]) => { if (job) await runOrganizationExport(job.data, job.id); });
  await boss.work(QUEUES.contractRenewals, { pollingIntervalSeconds: 30 }, async () => {
    const run = await runContractRenewals();
    if (run.reminded + run.renewed + run.expired + run.failed) console.log("contract renewals:", JSON.stringify(run));
  });
  await boss.work(QUEUES.jobSweep, { pollingIntervalSeconds: 5 }, async () => {
    const swept = await sweepStaleJobs();
    if (swept.requeued + swept.givenUp) console.log("job sweep:", JSON.stringify(swept));
  });
  await boss.work(QUEUES.fileCleanup, { pollingIntervalSeconds: 30 }, cleanUpFiles);
  // Hourly: reminders and renewals go out on each organization's own day, whatever its time zone.
  await boss.schedule(QUEUES.contractRenewals, CONTRACT_RENEWALS_CRON);
  await boss.schedule(QUEUES.jobSweep, JOB_SWEEP_CRON);
  await boss.schedule(QUEUES.fileCleanup, FILE_CLEANUP_CRON);
  await sweepStaleJobs().catch((error: unknown) => console.error("job sweep:", error instanceof Error ? error.message : error));
  await cleanUpFiles().catch((error: unknown) => console.error("file cleanup:", error instanceof Error ? error.message : error));
}

/** Registers this process's workers (again, after stopJobQueue). */
export async function startJobWorkers(): Promise<void> {
  const boss = await jobQueue();
  if (registered?.boss !== boss) {
    const current = { boss, done: register(boss) };
    registered = current;
    current.done.catch(() => { if (registered === current) registered = null; });
  }
  return registered.done;
}

// What this process works on: every queue's handler, registered once when the server starts
// (src/instrumentation.ts) or when a test asks.
import { runContractRenewals } from "@/features/contracts/contract-renewals.job";
import { type ExportJob, runOrganizationExport } from "@/features/organizations/organization-export.job";
import { jobQueue } from "./boss";
import { QUEUES } from "./queues";

let registered: Promise<void> | null = null;

export const CONTRACT_RENEWALS_CRON = "7 * * * *";

export function startJobWorkers(): Promise<void> {
  registered ??= (async () => {
    const boss = await jobQueue();
    await boss.work<ExportJob>(QUEUES.organizationExport, { pollingIntervalSeconds: 1 }, async ([job]) => {
      if (job) await runOrganizationExport(job.data);
    });
    await boss.work(QUEUES.contractRenewals, { pollingIntervalSeconds: 30 }, async () => {
      const run = await runContractRenewals();
      if (run.reminded + run.renewed + run.expired + run.failed) console.log("contract renewals:", JSON.stringify(run));
    });
    // Hourly: reminders and renewals go out on each organization's own day, whatever its time zone.
    await boss.schedule(QUEUES.contractRenewals, CONTRACT_RENEWALS_CRON);
  })().catch((error: unknown) => {
    registered = null;
    throw error;
  });
  return registered;
}

// What this process works on: every queue's handler, registered once when the server starts
// (src/instrumentation.ts) or when a test asks.
import { type ExportJob, runOrganizationExport } from "@/features/organizations/organization-export.job";
import { jobQueue } from "./boss";
import { QUEUES } from "./queues";

let registered: Promise<void> | null = null;

export function startJobWorkers(): Promise<void> {
  registered ??= (async () => {
    const boss = await jobQueue();
    await boss.work<ExportJob>(QUEUES.organizationExport, { pollingIntervalSeconds: 1 }, async ([job]) => {
      if (job) await runOrganizationExport(job.data);
    });
  })().catch((error: unknown) => {
    registered = null;
    throw error;
  });
  return registered;
}

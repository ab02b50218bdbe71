// Runs once when a Next server starts (Next's instrumentation hook): it picks up after a
// restart and starts this process's background job workers.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { failStaleImports } = await import("@/server/db/system/jobs");
  const { startJobWorkers } = await import("@/server/jobs/workers");
  try {
    const failed = await failStaleImports();
    if (failed) console.log(`Marked ${failed} interrupted import(s) as failed.`);
    await startJobWorkers();
  } catch (error) {
    // A database that is not up yet must not stop the server from starting.
    console.error("Background work could not start:", error instanceof Error ? error.message : error);
  }
}

// Runs once when a Next server starts (Next's instrumentation hook): starts this process's
// background job workers, whose first sweep takes up work a stopped server left behind.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startJobWorkers } = await import("@/server/jobs/workers");
  try {
    await startJobWorkers();
  } catch (error) {
    // A database that is not up yet must not stop the server from starting.
    console.error("Background work could not start:", error instanceof Error ? error.message : error);
  }
}

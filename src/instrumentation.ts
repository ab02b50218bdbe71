// Runs once when a Next server starts (Next's instrumentation hook).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { failStaleImports } = await import("@/server/db/system");
  try {
    const failed = await failStaleImports();
    if (failed) console.log(`Marked ${failed} interrupted import(s) as failed.`);
  } catch (error) {
    // A database that is not up yet must not stop the server from starting.
    console.error("Could not check for interrupted imports:", error instanceof Error ? error.message : error);
  }
}

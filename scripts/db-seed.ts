// `npm run db:seed`: the demo organization on DATABASE_URL (migrated first); does nothing if
// it exists already, and finishes it if an earlier seed was interrupted.
import "dotenv/config";
import { DEMO, describeSeedFailure, describeSeedOutcome, seedDemo } from "../prisma/seed";
import { disconnectAll } from "../src/server/db/client";

const started = Date.now();
try {
  const outcome = await seedDemo((line) => console.log(line));
  console.log(describeSeedOutcome(outcome));
  if (outcome.status === "seeded") console.log(`Took ${((Date.now() - started) / 1000).toFixed(1)} s. Sign in as ${DEMO.email} / ${DEMO.password}.`);
} catch (error) {
  console.error(describeSeedFailure(error));
  process.exitCode = 1;
} finally {
  await disconnectAll();
}

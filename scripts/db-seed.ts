// `npm run db:seed`: the demo organization on DATABASE_URL (migrated first); does nothing if
// it exists already.
import "dotenv/config";
import { DEMO, seedDemo } from "../prisma/seed";
import { disconnectAll } from "../src/server/db/client";

const started = Date.now();
const { created } = await seedDemo((line) => console.log(line));
console.log(created ? `Seeded the demo organization "${DEMO.slug}" in ${((Date.now() - started) / 1000).toFixed(1)} s. Sign in as ${DEMO.email} / ${DEMO.password}.` : "The demo organization exists already.");
await disconnectAll();

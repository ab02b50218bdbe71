// `npm run db:migrate`: applies pending SQL migrations to DATABASE_URL (see README).
import "dotenv/config";
import { ownerDatabaseUrl, roleDatabasePassword } from "../src/server/db/config";
import { migrate } from "../src/server/db/migrate";

const result = await migrate(ownerDatabaseUrl(), { rolePassword: roleDatabasePassword(), log: console.log });
console.log(
  result.applied.length
    ? `Applied ${result.applied.length} migration(s); ${result.alreadyApplied.length} were already applied.`
    : `Database is up to date (${result.alreadyApplied.length} migrations).`,
);

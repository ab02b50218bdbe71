// Starts an embedded PostgreSQL and keeps it until killed: the stand-in for an `npm start`
// (or a test run) that is killed outright while its database runs.
// Usage: node --import tsx test/helpers/embedded-postgres-holder.ts <dataDir> <port> <password>
import { startEmbeddedPostgres } from "../../src/server/db/embedded";

const [dataDir, port, password] = process.argv.slice(2);
await startEmbeddedPostgres({ dataDir: dataDir!, port: Number(port), password: password! });
console.log("ready");
setInterval(() => {}, 60_000);

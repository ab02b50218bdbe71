// `npm run db:restore -- <backup.tar> [--no-files]`: a backup into an EMPTY database
// (DATABASE_URL, or the embedded one in .data/pg) and empty file directories (README,
// "Backup and restore"). Refuses anything non-empty; a failed restore leaves it empty again.
import "dotenv/config";
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { restoreBackup } from "../src/server/db/backup/restore-backup";
import { storedFileRoots } from "../src/server/storage/roots";
import { openParleyDatabase } from "./db-connection";

const usage = "usage: npm run db:restore -- <backup.tar> [--no-files]";
const started = Date.now();
try {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { "no-files": { type: "boolean" }, help: { type: "boolean", short: "h" } } });
  if (values.help || positionals.length !== 1) {
    console.log(usage);
    process.exit(values.help ? 0 : 2);
  }
  const archive = positionals[0]!;
  if (!existsSync(archive)) throw new Error(`${archive} does not exist.`);
  const database = await openParleyDatabase("restore", (line) => console.log(line));
  try {
    console.log(`restoring ${archive} into ${database.label}`);
    const summary = await restoreBackup({
      archive,
      databaseUrl: database.url,
      rolePassword: process.env.PARLEY_DB_ROLE_PASSWORD,
      fileRoots: values["no-files"] ? null : storedFileRoots(),
      nextauthSecret: process.env.NEXTAUTH_SECRET,
      log: (line) => console.log(line),
    });
    console.log(
      `\nRestored ${summary.tables} tables, ${summary.rows} rows and ${summary.files} files in ${((Date.now() - started) / 1000).toFixed(1)} s` +
        (summary.newerMigrations.length ? `, then applied ${summary.newerMigrations.length} newer migration(s).` : "."),
    );
  } finally {
    await database.close();
  }
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`\n${/^(Restore failed|Refusing)/.test(message) ? message : `Restore failed: ${message}`}`);
  process.exitCode = 1;
}

// `npm run db:backup [-- --out <file.tar>]`: the database (DATABASE_URL, or the embedded one in
// .data/pg) and the stored files, in one consistent tar file (README, "Backup and restore").
import "dotenv/config";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { createBackup } from "../src/server/db/backup/create-backup";
import { describeBytes } from "../src/server/db/backup/session";
import { storedFileRoots } from "../src/server/storage/roots";
import { openParleyDatabase } from "./db-connection";
import { ROOT } from "./runtime-env";

const usage = "usage: npm run db:backup [-- --out backups/parley.tar]";
const started = Date.now();
try {
  const { values } = parseArgs({ options: { out: { type: "string", short: "o" }, help: { type: "boolean", short: "h" } } });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const stamp = new Date().toISOString().replace(/\.\d+Z$/, "Z").replaceAll(":", "-");
  const out = path.resolve(values.out ?? path.join(ROOT, "backups", `parley-${stamp}.tar`));
  const { version } = JSON.parse(await readFile(path.join(ROOT, "package.json"), "utf8")) as { version: string };
  const database = await openParleyDatabase("backup", (line) => console.log(line));
  try {
    console.log(`backing up ${database.label}`);
    const manifest = await createBackup({
      databaseUrl: database.url,
      out,
      fileRoots: storedFileRoots(),
      parleyVersion: version,
      nextauthSecret: process.env.NEXTAUTH_SECRET,
      log: (line) => console.log(line),
    });
    const { size } = await stat(out);
    const rows = manifest.tables.reduce((n, t) => n + t.rows, 0);
    console.log(`\nBackup written: ${out} (${describeBytes(size)}, ${manifest.tables.length} tables, ${rows} rows, ${manifest.files.length} files) in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    console.log("Keep it off this machine, with the NEXTAUTH_SECRET it was made under (two-factor secrets are encrypted with a key from it).");
  } finally {
    await database.close();
  }
} catch (error) {
  console.error(`\nBackup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}

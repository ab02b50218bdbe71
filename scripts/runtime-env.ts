// What `npm start`, `npm run dev` and `npm test` share: local secrets kept under .data/ (so a
// restart keeps sessions valid) and the embedded PostgreSQL when DATABASE_URL is not set.
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, readdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../src/server/db/embedded";

export const ROOT = path.resolve(import.meta.dirname, "..");
export const DATA_DIR = path.join(ROOT, ".data");
export const NEXT_BIN = path.join(ROOT, "node_modules/.bin/next");

interface LocalSecrets {
  nextauthSecret: string;
  rolePassword: string;
  embeddedPassword: string;
}

export async function localSecrets(): Promise<LocalSecrets> {
  const file = path.join(DATA_DIR, "secrets.json");
  if (existsSync(file)) return JSON.parse(await readFile(file, "utf8")) as LocalSecrets;
  const secrets = {
    nextauthSecret: randomBytes(32).toString("base64url"),
    rolePassword: randomBytes(24).toString("base64url"),
    embeddedPassword: randomBytes(24).toString("base64url"),
  };
  await mkdir(DATA_DIR, { recursive: true });
  await writeFile(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/** Fills in what the app needs from .data/ unless the environment already says it. */
export async function prepareEnvironment(options: { database: string; pgDir: string; pgPort: number }): Promise<{ embedded: EmbeddedDatabase | null }> {
  const secrets = await localSecrets();
  process.env.NEXTAUTH_SECRET ||= secrets.nextauthSecret;
  process.env.PARLEY_DB_ROLE_PASSWORD ||= secrets.rolePassword;
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  if (process.env.DATABASE_URL) return { embedded: null };
  const embedded = await startEmbeddedPostgres({
    dataDir: path.join(DATA_DIR, options.pgDir),
    port: options.pgPort,
    password: secrets.embeddedPassword,
    log: (line) => console.log(line),
    // The caller stops it after the app, and restarts it if it dies (scripts/start.ts).
    ownProcessGroup: true,
  });
  try {
    process.env.DATABASE_URL = await embedded.ensureDatabase(options.database);
  } catch (error) {
    await embedded.stop();
    throw error;
  }
  return { embedded };
}

async function sourceFingerprint(): Promise<string> {
  const hash = createHash("sha256");
  const walk = async (dir: string): Promise<void> => {
    for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else hash.update(`${full}:${(await stat(full)).mtimeMs}\n`);
    }
  };
  for (const dir of ["src", "public"]) if (existsSync(path.join(ROOT, dir))) await walk(path.join(ROOT, dir));
  for (const file of ["package-lock.json", "next.config.mjs", "tailwind.config.ts", "postcss.config.mjs", "tsconfig.json"]) {
    if (existsSync(path.join(ROOT, file))) hash.update(await readFile(path.join(ROOT, file)));
  }
  return hash.digest("hex");
}

export function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: "inherit", env });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** `next build` unless the current sources were built already. Returns false if the build failed. */
export async function ensureProductionBuild(): Promise<boolean> {
  const distDir = path.join(ROOT, process.env.NEXT_DIST_DIR || ".next");
  const fingerprintFile = path.join(distDir, "parley-source-fingerprint");
  const fingerprint = await sourceFingerprint();
  const built =
    existsSync(path.join(distDir, "BUILD_ID")) && existsSync(fingerprintFile) && (await readFile(fingerprintFile, "utf8")) === fingerprint;
  if (built) return true;
  console.log("Building Parley for production (about a minute on first start)…");
  if ((await run(NEXT_BIN, ["build"])) !== 0) return false;
  await writeFile(fingerprintFile, fingerprint);
  return true;
}

// Every directory Parley keeps files in outside the database. Backups (src/server/db/backup)
// copy each of them, so a feature that stores files somewhere new adds its directory here.
import path from "node:path";

const ROOTS = {
  /** Finished organization exports, waiting to be downloaded (organizations feature). */
  exports: { env: "PARLEY_EXPORT_DIR", fallback: ".data/exports" },
  /** Uploaded CSV files, waiting for their import to run (imports feature). */
  uploads: { env: "PARLEY_UPLOAD_DIR", fallback: ".data/uploads" },
} as const;

export type StoredFileRootName = keyof typeof ROOTS;
export const STORED_FILE_ROOT_NAMES = Object.keys(ROOTS) as StoredFileRootName[];

/** The absolute directory behind a root, from its environment variable or the default under .data/. */
export function storedFileRoot(name: StoredFileRootName): string {
  const { env, fallback } = ROOTS[name];
  return path.resolve(process.env[env] || fallback);
}

export function storedFileRoots(): Record<StoredFileRootName, string> {
  return Object.fromEntries(STORED_FILE_ROOT_NAMES.map((name) => [name, storedFileRoot(name)])) as Record<StoredFileRootName, string>;
}

export const storedFileRootVariable = (name: StoredFileRootName) => ROOTS[name].env;

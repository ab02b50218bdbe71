// The files Parley keeps outside the database (src/server/storage/roots.ts), in a backup and
// back: listed per root with relative paths, copied with their size and sha256.
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { DigestStream } from "./digest-stream";
import { BackupError } from "./manifest";

/** Every regular file under `root`, as forward-slash paths relative to it (none when it is missing). */
export async function listStoredFiles(root: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string, prefix: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
      throw error;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(path.join(dir, entry.name), relative);
      else if (entry.isFile()) found.push(relative);
    }
  };
  await walk(root, "");
  return found;
}

/** Copies a file, returning its size and sha256, or null when it vanished meanwhile (an upload imported, an export expired). */
export async function copyWithDigest(from: string, to: string): Promise<{ bytes: number; sha256: string } | null> {
  await mkdir(path.dirname(to), { recursive: true });
  const digest = new DigestStream();
  try {
    await pipeline(createReadStream(from), digest, createWriteStream(to));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      await rm(to, { force: true });
      return null;
    }
    throw error;
  }
  return { bytes: digest.bytes, sha256: digest.sha256() };
}

/** A path from a backup, checked to stay inside its directory (a crafted archive cannot write elsewhere). */
export function safeRelativePath(relative: string): string {
  const normalized = path.posix.normalize(relative);
  if (path.posix.isAbsolute(normalized) || normalized.startsWith("../") || normalized === ".." || normalized.includes("\0")) {
    throw new BackupError(`The backup names a file outside its directory (${JSON.stringify(relative)}): refusing to restore it.`);
  }
  return normalized;
}

export async function writeWithDigest(source: Readable, to: string): Promise<{ bytes: number; sha256: string }> {
  await mkdir(path.dirname(to), { recursive: true });
  const digest = new DigestStream();
  await pipeline(source, digest, createWriteStream(to, { flags: "wx" }));
  return { bytes: digest.bytes, sha256: digest.sha256() };
}

/** Whether a directory is missing or holds no files (empty subdirectories do not count). */
export async function holdsNoFiles(root: string): Promise<boolean> {
  return (await listStoredFiles(root)).length === 0;
}

/**
 * Puts a staged directory in the place of `root`, which must hold no files: a restore writes
 * files beside their directory first and moves them in only once the database is restored.
 */
export async function moveIntoPlace(staged: string, root: string): Promise<void> {
  if (!(await holdsNoFiles(root))) throw new BackupError(`${root} has files now; it was empty when the restore began. Nothing was moved there.`);
  await rm(root, { recursive: true, force: true });
  await mkdir(path.dirname(root), { recursive: true });
  await rename(staged, root);
}

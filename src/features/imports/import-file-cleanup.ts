// Removes uploaded CSVs nobody needs any more (run hourly by the file-cleanup job, and when a
// server's workers start). A completed import's file goes when it completes; a failed or undone
// import's is kept IMPORT_FILE_KEEP_DAYS (to look into what went wrong), then removed; an upload
// never started within that time expires (the import says so); a staged upload never registered
// goes after a day; a file whose import no longer exists goes at once. Running work keeps its file.
// Only folders of organizations in this database are looked into (see existingOrganizations).
import { readdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import { existingOrganizations, expireUpload, importFileStates } from "@/server/db/system/jobs";
import { uploadRoot } from "./import-files";

export const IMPORT_FILE_KEEP_DAYS = Number(process.env.PARLEY_IMPORT_FILE_KEEP_DAYS) > 0 ? Number(process.env.PARLEY_IMPORT_FILE_KEEP_DAYS) : 7;
const STAGED_KEEP_MS = 86_400_000;
const DAY_MS = 86_400_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const list = (dir: string) => readdir(dir, { withFileTypes: true }).catch(() => []);

export async function cleanImportFiles(options: { keepDays?: number; now?: number } = {}): Promise<{ removed: string[] }> {
  const keepDays = options.keepDays ?? IMPORT_FILE_KEEP_DAYS;
  const now = options.now ?? Date.now();
  const root = uploadRoot();
  const removed: string[] = [];
  const remove = async (file: string) => { await rm(file, { force: true }); removed.push(file); };

  for (const entry of await list(path.join(root, "staged"))) {
    const file = path.join(root, "staged", entry.name);
    const info = await stat(file).catch(() => null);
    if (entry.isFile() && info && info.mtimeMs < now - STAGED_KEEP_MS) await remove(file);
  }

  const files = new Map<string, string>();
  const orgDirs = (await list(root)).filter((d) => d.isDirectory() && UUID.test(d.name)).map((d) => d.name);
  const ours = await existingOrganizations(orgDirs);
  for (const org of orgDirs.filter((o) => ours.has(o))) {
    for (const entry of await list(path.join(root, org))) {
      const id = entry.name.replace(/\.csv$/, "");
      if (entry.isFile() && entry.name.endsWith(".csv") && UUID.test(id)) files.set(id, path.join(root, org, entry.name));
    }
  }
  const states = new Map((await importFileStates([...files.keys()])).map((s) => [s.id, s]));
  const before = now - keepDays * DAY_MS;
  for (const [id, file] of files) {
    const imp = states.get(id);
    if (!imp || imp.status === "completed") await remove(file);
    else if ((imp.status === "failed" || imp.status === "undone") && imp.updatedAt.getTime() < before) await remove(file);
    else if (imp.status === "uploaded" && imp.createdAt.getTime() < before && (await expireUpload(id, keepDays))) await remove(file);
  }
  return { removed };
}

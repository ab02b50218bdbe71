// Removes export files nobody can use (run hourly by the file-cleanup job, and when a server's
// workers start): part files of exports that failed, were requeued or finished (only the part
// of the job that owns a live export is kept), zips whose download period ended or whose export
// no longer exists. Only folders of organizations in this database are looked into.
import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import { existingOrganizations, exportFileStates } from "@/server/db/system/jobs";
import { exportRoot, parseExportFileName } from "./export-files";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const list = (dir: string) => readdir(dir, { withFileTypes: true }).catch(() => []);

export async function cleanExportFiles(options: { now?: number } = {}): Promise<{ removed: string[] }> {
  const now = options.now ?? Date.now();
  const root = exportRoot();
  const found: { file: string; exportId: string; jobId: string | null; part: boolean }[] = [];
  const orgDirs = (await list(root)).filter((d) => d.isDirectory() && UUID.test(d.name)).map((d) => d.name);
  const ours = await existingOrganizations(orgDirs);
  for (const org of orgDirs.filter((o) => ours.has(o))) {
    for (const entry of await list(path.join(root, org))) {
      const parsed = entry.isFile() ? parseExportFileName(entry.name) : null;
      if (parsed) found.push({ file: path.join(root, org, entry.name), ...parsed });
    }
  }
  const states = new Map((await exportFileStates([...new Set(found.map((f) => f.exportId))])).map((s) => [s.id, s]));
  const removed: string[] = [];
  for (const f of found) {
    const exp = states.get(f.exportId);
    const keep = f.part
      ? !!exp && (exp.status === "queued" || exp.status === "running") && !!f.jobId && exp.jobId === f.jobId
      : !!exp && exp.status === "completed" && (!exp.expiresAt || exp.expiresAt.getTime() > now);
    if (!keep) {
      await rm(f.file, { force: true });
      removed.push(f.file);
    }
  }
  return { removed };
}

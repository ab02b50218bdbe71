// Where finished exports wait to be downloaded: PARLEY_EXPORT_DIR (default .data/exports),
// one folder per organization, named by the export's id; never a path from input. A zip is
// written as <export>.<job>.zip.part by the job making it and renamed when complete, so a
// requeued export's new job never writes into the part of the one that was given up on.
import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import { storedFileRoot } from "@/server/storage/roots";

export const exportRoot = () => storedFileRoot("exports");

export const exportFilePath = (orgId: string, exportId: string) => path.join(exportRoot(), orgId, `${exportId}.zip`);

export const exportPartPath = (orgId: string, exportId: string, jobId: string) => path.join(exportRoot(), orgId, `${exportId}.${jobId}.zip.part`);

/** <export>.zip, <export>.<job>.zip.part, and the older <export>.zip.part. */
const EXPORT_FILE = /^([0-9a-f-]{36})(?:\.([0-9a-f-]{36}))?\.zip(\.part)?$/;

export function parseExportFileName(name: string): { exportId: string; jobId: string | null; part: boolean } | null {
  const m = EXPORT_FILE.exec(name);
  return m ? { exportId: m[1]!, jobId: m[2] ?? null, part: !!m[3] } : null;
}

/** Removes every part file an export's jobs left (a failed or requeued export's). */
export async function removeExportParts(orgId: string, exportId: string): Promise<number> {
  const dir = path.join(exportRoot(), orgId);
  const names = await readdir(dir).catch(() => [] as string[]);
  const parts = names.filter((n) => parseExportFileName(n)?.exportId === exportId && n.endsWith(".part"));
  await Promise.all(parts.map((n) => rm(path.join(dir, n), { force: true })));
  return parts.length;
}

export async function removeOrganizationExports(orgId: string): Promise<void> {
  await rm(path.join(exportRoot(), orgId), { recursive: true, force: true });
}

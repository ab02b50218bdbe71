// Where finished exports wait to be downloaded: PARLEY_EXPORT_DIR (default .data/exports),
// one folder per organization, named by the export's id; never a path from input.
import { rm } from "node:fs/promises";
import path from "node:path";
import { storedFileRoot } from "@/server/storage/roots";

const root = () => storedFileRoot("exports");

export const exportFilePath = (orgId: string, exportId: string) => path.join(root(), orgId, `${exportId}.zip`);

export async function removeOrganizationExports(orgId: string): Promise<void> {
  await rm(path.join(root(), orgId), { recursive: true, force: true });
}

// Where uploaded CSV files wait between upload and import: a directory per organization under
// PARLEY_UPLOAD_DIR (default .data/uploads), named by the import's id; never a path from input.
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import Papa from "papaparse";
import { storedFileRoot } from "@/server/storage/roots";
import { stripUnsafeText } from "@/lib/safe-text";

export const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;
const PREVIEW_ROWS = 8;

/**
 * How every import reads a CSV: blank lines skipped, and from every cell (headers too) the
 * characters PostgreSQL cannot store dropped: NUL bytes (a UTF-16 file read as UTF-8 is full of
 * them) would otherwise fail the whole batch they are in.
 */
export const CSV_PARSE_OPTIONS = { skipEmptyLines: "greedy", transform: (value: string) => stripUnsafeText(value) } as const;

export const uploadRoot = () => storedFileRoot("uploads");
const root = uploadRoot;
const TOKEN = /^[a-f0-9]{32}$/;

export const stagedPath = (token: string) => {
  if (!TOKEN.test(token)) throw new Error("bad upload token");
  return path.join(root(), "staged", `${token}.csv`);
};
export const importFilePath = (orgId: string, importId: string) => path.join(root(), orgId, `${importId}.csv`);

/** Every file an organization's imports left waiting (when the organization is deleted). */
export async function removeOrganizationUploads(orgId: string): Promise<void> {
  await rm(path.join(root(), orgId), { recursive: true, force: true });
}

export class UploadTooLarge extends Error {}

/** Streams a request body to a staged file, stopping at MAX_UPLOAD_BYTES. */
export async function stageUpload(body: ReadableStream<Uint8Array>, token: string): Promise<number> {
  const target = stagedPath(token);
  await mkdir(path.dirname(target), { recursive: true });
  let size = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      done(size > MAX_UPLOAD_BYTES ? new UploadTooLarge(`Files up to ${MAX_UPLOAD_BYTES / 1024 / 1024} MB can be imported`) : null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(body as import("node:stream/web").ReadableStream<Uint8Array>), limit, createWriteStream(target));
  } catch (error) {
    await rm(target, { force: true });
    throw error;
  }
  return size;
}

export async function claimStagedFile(token: string, orgId: string, importId: string): Promise<number> {
  const target = importFilePath(orgId, importId);
  await mkdir(path.dirname(target), { recursive: true });
  await rename(stagedPath(token), target);
  return (await stat(target)).size;
}

export const removeImportFile = (orgId: string, importId: string) => rm(importFilePath(orgId, importId), { force: true });
export const discardStaged = (token: string) => rm(stagedPath(token), { force: true });

/** Blank or repeated headers get names of their own, so a mapping can point at each column. */
export function uniqueHeaders(raw: string[]): string[] {
  const seen = new Map<string, number>();
  return raw.map((h, i) => {
    const base = h.trim().replace(/^\ufeff/, "") || `Column ${i + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} (${n})`;
  });
}

export interface CsvSummary { headers: string[]; preview: string[][]; rows: number }

/** Header, first rows and row count, in one streaming pass (the file is never held whole). */
export async function summarize(file: string): Promise<CsvSummary> {
  const preview: string[][] = [];
  let headers: string[] | null = null;
  let rows = 0;
  await new Promise<void>((resolve, reject) => {
    Papa.parse<string[]>(createReadStream(file), {
      ...CSV_PARSE_OPTIONS,
      step: (result) => {
        if (!headers) headers = uniqueHeaders(result.data);
        else {
          rows++;
          if (preview.length < PREVIEW_ROWS) preview.push(result.data);
        }
      },
      complete: () => resolve(),
      error: (e: Error) => reject(e),
    });
  });
  return { headers: headers ?? [], preview, rows };
}

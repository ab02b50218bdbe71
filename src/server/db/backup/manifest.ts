// What a backup says about itself: manifest.json, the first entry of the archive. A restore
// reads it before touching anything, so it can refuse a backup it cannot restore faithfully.
import { z } from "zod";

export const BACKUP_FORMAT = "parley-backup";
export const BACKUP_FORMAT_VERSION = 1;
export const MANIFEST_ENTRY = "manifest.json";

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

const tableSchema = z.object({
  schema: z.string().min(1),
  name: z.string().min(1),
  /** Stored columns in COPY order (generated columns are left out: the database recomputes them). */
  columns: z.array(z.string().min(1)).min(1),
  rows: z.number().int().nonnegative(),
  /** Size and sha256 of the table's COPY text (before compression). */
  bytes: z.number().int().nonnegative(),
  sha256,
  /** The archive entry holding the gzipped COPY text. */
  entry: z.string().min(1),
});

const sequenceSchema = z.object({ schema: z.string(), name: z.string(), lastValue: z.string().regex(/^-?\d+$/).nullable() });

const fileSchema = z.object({
  /** Which stored-file directory (src/server/storage/roots.ts) the file belongs to. */
  root: z.string().min(1),
  /** Path inside that directory, with forward slashes. */
  path: z.string().min(1),
  bytes: z.number().int().nonnegative(),
  sha256,
  entry: z.string().min(1),
});

export const manifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.number().int(),
  createdAt: z.string(),
  parleyVersion: z.string(),
  source: z.object({ serverVersion: z.string(), database: z.string() }),
  /** Finished migrations recorded in _prisma_migrations, by name. */
  migrations: z.array(z.object({ name: z.string(), checksum: z.string() })),
  /** pg-boss's schema version (its `version` table), or null when the schema was absent. */
  jobQueueVersion: z.number().int().nullable(),
  /** A one-way fingerprint of NEXTAUTH_SECRET (two-factor secrets are encrypted with a key from it). */
  secretFingerprint: z.string().nullable(),
  tables: z.array(tableSchema),
  sequences: z.array(sequenceSchema),
  files: z.array(fileSchema),
});

export type BackupManifest = z.infer<typeof manifestSchema>;
export type BackupTable = BackupManifest["tables"][number];
export type BackupFile = BackupManifest["files"][number];

export class BackupError extends Error {}

export function parseManifest(text: string): BackupManifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new BackupError("The backup's manifest.json is not valid JSON: the file is damaged or not a Parley backup.");
  }
  const format = (json as { format?: unknown; formatVersion?: unknown } | null) ?? {};
  if (format.format !== BACKUP_FORMAT) throw new BackupError("This file is not a Parley backup (its manifest.json does not say format \"parley-backup\").");
  if (format.formatVersion !== BACKUP_FORMAT_VERSION) {
    throw new BackupError(
      `This backup is in format version ${String(format.formatVersion)}; this Parley reads version ${BACKUP_FORMAT_VERSION}. Restore it with the Parley version that made it.`,
    );
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new BackupError(`The backup's manifest.json is damaged: ${issue.path.join(".")}: ${issue.message}`);
  }
  return parsed.data;
}

export const tableLabel = (t: { schema: string; name: string }) => `${t.schema}.${t.name}`;

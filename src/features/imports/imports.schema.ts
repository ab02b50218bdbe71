import { z } from "zod";
import { MAX_INT4 } from "@/lib/pagination";
import { IMPORT_RESOURCES } from "./import-fields";

export const importResourceSchema = z.enum(IMPORT_RESOURCES, { message: "Choose leads, companies or contacts" });
export const DUPLICATE_STRATEGIES = ["skip", "update", "create"] as const;

export const createImportSchema = z.object({
  resource: importResourceSchema,
  fileName: z.string().trim().min(1, "Name the file").max(255, "That file name is too long"),
  /** The staged upload's name, as the upload endpoint returned it. */
  uploadToken: z.string().regex(/^[a-f0-9]{32}$/, "Upload the file again"),
});

export const importIdSchema = z.object({ id: z.uuid("Unknown import") });

export const startImportSchema = z.object({
  id: z.uuid("Unknown import"),
  /** Field key → the CSV column (header) that fills it. */
  mapping: z.record(z.string().max(50), z.string().max(255)),
  duplicateStrategy: z.enum(DUPLICATE_STRATEGIES, { message: "Choose skip, update or create" }).default("skip"),
});
export type StartImportInput = z.input<typeof startImportSchema>;

export const listRejectsSchema = z.object({
  id: z.uuid("Unknown import"),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  /** Paging for the full report: rows after this row number (an int4 in the database). */
  afterRow: z.coerce.number({ message: "afterRow must be a row number" }).int("afterRow must be a row number").min(0).max(MAX_INT4, "afterRow is past the last possible row").default(0),
});

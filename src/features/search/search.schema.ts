import { z } from "zod";

export const globalSearchSchema = z.object({
  q: z.string().trim().min(1, "Type something to search for").max(100, "Search for at most 100 characters"),
  limit: z.number().int().min(1).max(10).default(5),
});

export const SEARCH_KINDS = ["lead", "company", "contact", "opportunity"] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

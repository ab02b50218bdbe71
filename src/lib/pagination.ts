import { z } from "zod";

export const MAX_PAGE_SIZE = 100;
/** The largest value an int4 column (row numbers, counts) holds: a bound for numeric input that lands in one. */
export const MAX_INT4 = 2_147_483_647;

/** Page and size for server-side lists; sizes are capped so no request can ask for everything. */
export const pageSchema = {
  page: z.coerce.number().int().min(1, "Page starts at 1").max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE, `At most ${MAX_PAGE_SIZE} rows a page`).default(25),
};

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
}

export function toPage<T>(items: T[], total: number, page: number, pageSize: number): Page<T> {
  return { items, total, page, pageSize, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
}

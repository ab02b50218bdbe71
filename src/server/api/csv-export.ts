// The shape every list's CSV export takes: the list's own query schema, then its procedure
// page by page, so an export sees exactly what the list shows (filters, sort, permissions).
import type { createCaller } from "./root";

export type Caller = ReturnType<typeof createCaller>;
export type PageOfRows = { rows: unknown[][]; more: boolean };

export interface CsvExport {
  filename: string;
  columns: string[];
  /** Parses the filters (throws ZodError on bad ones) and returns a reader of pages from 1. */
  start(api: Caller, params: Record<string, string>): (page: number) => Promise<PageOfRows>;
}

export function defineCsvExport<Q>(def: {
  filename: string;
  columns: string[];
  parse(params: Record<string, string>): Q;
  page(api: Caller, query: Q, page: number): Promise<PageOfRows>;
}): CsvExport {
  return {
    filename: def.filename,
    columns: def.columns,
    start(api, params) {
      const query = def.parse(params);
      return (page) => def.page(api, query, page);
    },
  };
}

import { z } from "zod";

export const VIEW_RESOURCES = ["companies", "contacts", "interactions", "leads", "tasks"] as const;
export const viewResourceSchema = z.enum(VIEW_RESOURCES);

/** A list's query string as saved: its filters and sort, never the page. */
export const viewQuerySchema = z
  .record(z.string().max(50), z.string().max(200))
  .refine((q) => Object.keys(q).length <= 20, "Too many filters to save")
  .transform(({ page: _page, ...rest }) => rest);

export const saveViewSchema = z.object({
  resource: viewResourceSchema,
  name: z.string().trim().min(1, "Name the view").max(100, "Use at most 100 characters"),
  query: viewQuerySchema,
});
export const listViewsSchema = z.object({ resource: viewResourceSchema });
export const deleteViewSchema = z.object({ id: z.uuid("Unknown view") });

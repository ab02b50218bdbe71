import { defineCsvExport } from "@/server/api/csv-export";
import { listLeadsSchema } from "./leads.schema";

/** CSV export of a filtered lead list: the same filters and sort as the list page. */
export const leadsExport = defineCsvExport({
  filename: "leads",
  columns: ["Company", "Industry", "Contact", "Email", "Phone", "Score", "Status", "Nurture", "Source", "Assigned to", "Last contact", "Contact attempts", "Tags", "Created"],
  parse: (params: Record<string, string>) => listLeadsSchema.parse({ ...params, page: 1, pageSize: 100 }),
  async page(api, query: ReturnType<typeof listLeadsSchema.parse>, page) {
    const result = await api.leads.list({ ...query, page, pageSize: 100 });
    return {
      rows: result.items.map((l) => [
        l.company.name, l.company.industry ?? "", l.contact?.fullName ?? "", l.contact?.email ?? "", l.contact?.phone ?? "", l.leadScore,
        l.status, l.nurtureStatus, l.source, l.assignee?.fullName ?? "", l.lastContactAt?.toISOString() ?? "", l.contactAttempts,
        l.tags.map((t) => t.tag.name).join("; "), l.createdAt.toISOString(),
      ]),
      more: page < result.pageCount,
    };
  },
});

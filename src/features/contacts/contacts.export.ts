import { defineCsvExport } from "@/server/api/csv-export";
import { listContactsSchema } from "./contacts.schema";

/** CSV export of a filtered contact list: the same filters and sort as the list page. */
export const contactsExport = defineCsvExport({
  filename: "contacts",
  columns: ["Name", "Email", "Phone", "Title", "Type", "Companies", "Updated"],
  parse: (params: Record<string, string>) => listContactsSchema.parse({ ...params, page: 1, pageSize: 100 }),
  async page(api, query: ReturnType<typeof listContactsSchema.parse>, page) {
    const result = await api.contacts.list({ ...query, page, pageSize: 100 });
    return {
      rows: result.items.map((c) => [
        c.fullName, c.email ?? "", c.phone ?? "", c.title ?? "", c.type, c.companyLinks.map((l) => l.company.name).join("; "), c.updatedAt.toISOString(),
      ]),
      more: page < result.pageCount,
    };
  },
});

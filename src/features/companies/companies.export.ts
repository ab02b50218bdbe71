import { defineCsvExport } from "@/server/api/csv-export";
import { listCompaniesSchema } from "./companies.schema";

/** CSV export of a filtered company list: the same filters and sort as the list page. */
export const companiesExport = defineCsvExport({
  filename: "companies",
  columns: ["Name", "Lifecycle", "Tier", "Industry", "City", "Country", "Website", "Annual revenue", "Currency", "Owner", "Active", "Updated"],
  parse: (params: Record<string, string>) => listCompaniesSchema.parse({ ...params, page: 1, pageSize: 100 }),
  async page(api, query: ReturnType<typeof listCompaniesSchema.parse>, page) {
    const result = await api.companies.list({ ...query, page, pageSize: 100 });
    return {
      rows: result.items.map((c) => [
        c.name, c.lifecycle, c.tier, c.industry ?? "", c.city ?? "", c.country ?? "", c.website ?? "",
        c.annualRevenue ?? "", c.currency, c.owner?.fullName ?? "", c.isActive ? "yes" : "no", c.updatedAt.toISOString(),
      ]),
      more: page < result.pageCount,
    };
  },
});

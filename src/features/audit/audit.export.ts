// CSV export of the filtered audit log. Not defineCsvExport's numbered pages: the log is read
// by keyset (each page starts after the last id of the one before), as the page does.
import type { CsvExport } from "@/server/api/csv-export";
import { listAuditLogSchema } from "./audit.schema";

export const auditExport: CsvExport = {
  filename: "audit-log",
  columns: ["When", "Who", "Email", "Action", "Resource", "Resource id", "Old values", "New values", "Details", "IP", "User agent"],
  start(api, params) {
    const query = listAuditLogSchema.parse({ ...params, cursor: undefined, limit: 200 });
    let cursor: string | undefined;
    return async () => {
      const page = await api.audit.list({ ...query, cursor, limit: 200 });
      cursor = page.nextCursor ?? undefined;
      const json = (v: unknown) => (v == null ? "" : JSON.stringify(v));
      return {
        rows: page.items.map((e) => [
          e.createdAt.toISOString(), e.user?.fullName ?? "System", e.user?.email ?? "", e.action, e.resourceType, e.resourceId ?? "",
          json(e.oldValues), json(e.newValues), json(e.details), e.ipAddress ?? "", e.userAgent ?? "",
        ]),
        more: page.nextCursor !== null,
      };
    };
  },
};

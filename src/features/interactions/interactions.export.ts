import { primaryRecordLabel } from "@/features/records/record-refs";
import { defineCsvExport } from "@/server/api/csv-export";
import { browseInteractionsSchema } from "./interactions.schema";

/** CSV export of the filtered Activities list: the same filters and sort as the page. */
export const interactionsExport = defineCsvExport({
  filename: "activities",
  columns: ["Type", "Direction", "Subject", "Summary", "Outcome", "Record", "Logged by", "Occurred", "Status", "Sentiment", "Sentiment score", "Call minutes"],
  parse: (params: Record<string, string>) => browseInteractionsSchema.parse({ ...params, page: 1, pageSize: 100 }),
  async page(api, query: ReturnType<typeof browseInteractionsSchema.parse>, page) {
    const result = await api.interactions.browse({ ...query, page, pageSize: 100 });
    return {
      rows: result.items.map((i) => [
        i.type, i.direction, i.subject ?? "", i.summary ?? "", i.outcome ?? "", primaryRecordLabel(i), i.initiator?.fullName ?? "",
        i.occurredAt.toISOString(), i.state, i.sentiment ?? "", i.sentimentScore ?? "", i.callDuration != null ? Math.round(i.callDuration / 60) : "",
      ]),
      more: page < result.pageCount,
    };
  },
});

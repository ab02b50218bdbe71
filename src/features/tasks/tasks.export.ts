import { defineCsvExport } from "@/server/api/csv-export";
import { taskRecordLabel } from "./task-record";
import { listTasksSchema } from "./tasks.schema";

/** CSV export of a filtered task list: the same filters and sort as the list page. */
export const tasksExport = defineCsvExport({
  filename: "tasks",
  columns: ["Title", "Status", "Priority", "Category", "Due", "Progress", "Assignee", "Record", "Completed"],
  parse: (params: Record<string, string>) => listTasksSchema.parse({ ...params, page: 1, pageSize: 100 }),
  async page(api, query: ReturnType<typeof listTasksSchema.parse>, page) {
    const result = await api.tasks.list({ ...query, page, pageSize: 100 });
    return {
      rows: result.items.map((t) => [
        t.title, t.status, t.priority, t.category, t.dueDate?.toISOString().slice(0, 10) ?? "", t.progress, t.assignee?.fullName ?? "", taskRecordLabel(t), t.completedAt?.toISOString() ?? "",
      ]),
      more: page < result.pageCount,
    };
  },
});

import { z } from "zod";
import { optionalDate, optionalText, optionalUuid } from "@/lib/form-fields";
import { pageSchema } from "@/lib/pagination";

export const TASK_STATUSES = ["pending", "in_progress", "blocked", "completed", "failed"] as const;
export const TASK_PRIORITIES = ["low", "normal", "high", "urgent"] as const;
export const TASK_CATEGORIES = ["follow_up", "call", "email", "meeting", "demo", "proposal", "admin", "other"] as const;
export const OPEN_TASK_STATUSES = ["pending", "in_progress", "blocked"] as const;
export const TASK_STATUS_LABELS: Record<(typeof TASK_STATUSES)[number], string> = {
  pending: "Not started", in_progress: "In progress", blocked: "Blocked", completed: "Completed", failed: "Failed",
};

export const taskFieldsSchema = z.object({
  title: z.string().trim().min(1, "Give the task a title").max(255, "That title is too long"),
  description: optionalText(10_000, "Description"),
  status: z.enum(TASK_STATUSES, { message: "Choose a status" }).default("pending"),
  priority: z.enum(TASK_PRIORITIES, { message: "Choose low, normal, high or urgent" }).default("normal"),
  category: z.enum(TASK_CATEGORIES, { message: "Choose a category" }).default("follow_up"),
  dueDate: optionalDate,
  progress: z.preprocess((v) => (v === "" || v == null ? 0 : v), z.coerce.number({ message: "Progress must be a number" }).int("Progress must be a whole number").min(0, "Progress is 0 to 100").max(100, "Progress is 0 to 100")).default(0),
  parentTaskId: optionalUuid,
  assignedTo: optionalUuid,
  leadId: optionalUuid,
  contactId: optionalUuid,
  companyId: optionalUuid,
  opportunityId: optionalUuid,
});
export type TaskFormInput = z.input<typeof taskFieldsSchema>;

export const taskIdSchema = z.object({ id: z.uuid("Unknown task") });
export const updateTaskSchema = z.object({ id: z.uuid("Unknown task"), values: taskFieldsSchema });
export const setTaskStatusSchema = z.object({ id: z.uuid("Unknown task"), status: z.enum(TASK_STATUSES, { message: "Choose a status" }) });

export const TASK_SORTS = ["dueDate", "priority", "title", "createdAt"] as const;
export const listTasksSchema = z.object({
  ...pageSchema,
  sort: z.enum(TASK_SORTS).default("dueDate"),
  dir: z.enum(["asc", "desc"]).default("asc"),
  /** "me" (the default: my tasks), "anyone", "none" or a member's id. */
  assignee: z.union([z.literal("me"), z.literal("anyone"), z.literal("none"), z.uuid()]).default("me"),
  /** open (the default), overdue, done, or all. */
  state: z.enum(["open", "overdue", "done", "all"]).default("open"),
  priority: z.enum(TASK_PRIORITIES).optional(),
  category: z.enum(TASK_CATEGORIES).optional(),
  search: z.string().trim().max(200).optional(),
});

/** Tasks on one record (lead, contact, company or deal), for its detail page. */
export const recordTasksSchema = z.object({
  leadId: optionalUuid, contactId: optionalUuid, companyId: optionalUuid, opportunityId: optionalUuid,
});

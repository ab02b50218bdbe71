import type { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { assertActiveMember } from "@/features/members/member-check";
import { assertRecordsExist, linkedSubjects, linkedTo } from "@/features/records/record-links";
import { deleteTimeline, listTimeline, recordTimelineEvent } from "@/features/timeline/timeline.service";
import { todayIsoDate } from "@/lib/dates";
import { toDateOnly } from "@/lib/form-fields";
import { toPage } from "@/lib/pagination";
import { AppError, notFound } from "@/server/api/errors";
import type { OrgScope } from "@/server/api/scope";
import { OPEN_TASK_STATUSES, type TASK_STATUSES, TASK_STATUS_LABELS, type listTasksSchema, type recordTasksSchema, type taskFieldsSchema } from "./tasks.schema";

type TaskFields = z.output<typeof taskFieldsSchema>;
type TaskStatus = (typeof TASK_STATUSES)[number];
const key = (scope: OrgScope, id: string) => ({ organizationId_id: { organizationId: scope.orgId, id } });
const DONE = new Set<TaskStatus>(["completed", "failed"]);

/** The parent must exist and must not be the task itself or one of its descendants. */
async function assertParent(scope: OrgScope, parentTaskId: string | null | undefined, taskId?: string) {
  if (!parentTaskId) return;
  if (parentTaskId === taskId) throw new AppError("BAD_REQUEST", "A task cannot be its own parent", "parentTaskId");
  const parent = await scope.tx.task.findUnique({ where: key(scope, parentTaskId), select: { id: true } });
  if (!parent) throw new AppError("NOT_FOUND", "That parent task does not exist", "parentTaskId");
  if (!taskId) return;
  const [row] = await scope.tx.$queryRaw<{ cycle: boolean }[]>`
    WITH RECURSIVE up AS (
      SELECT id, parent_task_id FROM tasks WHERE id = ${parentTaskId}::uuid
      UNION ALL SELECT t.id, t.parent_task_id FROM tasks t JOIN up ON t.id = up.parent_task_id
    ) SELECT EXISTS (SELECT 1 FROM up WHERE id = ${taskId}::uuid) AS cycle`;
  if (row?.cycle) throw new AppError("BAD_REQUEST", "A task cannot sit under one of its own subtasks", "parentTaskId");
}

function statusFields(status: TaskStatus, progress: number, before?: { completedAt: Date | null }) {
  if (status === "completed") return { status, progress: 100, completedAt: before?.completedAt ?? new Date() };
  if (DONE.has(status)) return { status, progress, completedAt: before?.completedAt ?? new Date() };
  return { status, progress, completedAt: null };
}

export async function createTask(scope: OrgScope, values: TaskFields) {
  await assertActiveMember(scope, values.assignedTo, "assignedTo");
  await assertRecordsExist(scope, values);
  await assertParent(scope, values.parentTaskId);
  const task = await scope.tx.task.create({
    data: {
      ...values, ...statusFields(values.status, values.progress), dueDate: toDateOnly(values.dueDate),
      organizationId: scope.orgId, assignedTo: values.assignedTo ?? scope.userId, createdBy: scope.userId,
    },
    select: { id: true, title: true },
  });
  await scope.audit({ action: "task.create", resourceType: "task", resourceId: task.id, newValues: values });
  await recordTimelineEvent(scope, { subjectType: "task", subjectId: task.id, eventType: "created", title: "Task created" });
  for (const [subjectType, subjectId] of linkedSubjects(values)) {
    await recordTimelineEvent(scope, { subjectType, subjectId, eventType: "task_created", title: `Task added: ${task.title}`, metadata: { taskId: task.id } });
  }
  return task;
}

export async function updateTask(scope: OrgScope, id: string, values: TaskFields) {
  const before = await scope.tx.task.findUnique({ where: key(scope, id) });
  if (!before) throw notFound("Task");
  await assertActiveMember(scope, values.assignedTo, "assignedTo");
  await assertRecordsExist(scope, values);
  await assertParent(scope, values.parentTaskId, id);
  await scope.tx.task.update({
    where: key(scope, id),
    data: { ...values, ...statusFields(values.status, values.progress, before), dueDate: toDateOnly(values.dueDate), assignedTo: values.assignedTo ?? before.assignedTo },
  });
  await scope.audit({
    action: "task.update", resourceType: "task", resourceId: id,
    oldValues: { title: before.title, status: before.status, priority: before.priority, category: before.category, dueDate: before.dueDate, progress: before.progress, assignedTo: before.assignedTo, parentTaskId: before.parentTaskId },
    newValues: values,
  });
  const title = values.status !== before.status ? `Status ${TASK_STATUS_LABELS[before.status]} → ${TASK_STATUS_LABELS[values.status]}` : "Task updated";
  await recordTimelineEvent(scope, { subjectType: "task", subjectId: id, eventType: "updated", title });
  return { id };
}

/** One-click status change (the checkbox on a task list). */
export async function setTaskStatus(scope: OrgScope, id: string, status: TaskStatus) {
  const before = await scope.tx.task.findUnique({ where: key(scope, id), select: { id: true, title: true, status: true, progress: true, completedAt: true, leadId: true, contactId: true, companyId: true, opportunityId: true } });
  if (!before) throw notFound("Task");
  if (before.status === status) return { id };
  await scope.tx.task.update({ where: key(scope, id), data: statusFields(status, status === "completed" ? 100 : before.progress, DONE.has(before.status) ? undefined : before) });
  await scope.audit({ action: "task.status", resourceType: "task", resourceId: id, oldValues: { status: before.status }, newValues: { status } });
  const title = status === "completed" ? `Completed: ${before.title}` : `${before.title}: ${TASK_STATUS_LABELS[status]}`;
  await recordTimelineEvent(scope, { subjectType: "task", subjectId: id, eventType: "status", title: `Status ${TASK_STATUS_LABELS[before.status]} → ${TASK_STATUS_LABELS[status]}` });
  if (status === "completed") {
    for (const [subjectType, subjectId] of linkedSubjects(before)) {
      await recordTimelineEvent(scope, { subjectType, subjectId, eventType: "task_completed", title, metadata: { taskId: id } });
    }
  }
  return { id };
}

export async function deleteTask(scope: OrgScope, id: string) {
  const before = await scope.tx.task.findUnique({ where: key(scope, id), select: { id: true, title: true, status: true, _count: { select: { subtasks: true } } } });
  if (!before) throw notFound("Task");
  await scope.tx.task.delete({ where: key(scope, id) });
  await deleteTimeline(scope, "task", id);
  await scope.audit({ action: "task.delete", resourceType: "task", resourceId: id, oldValues: { title: before.title, status: before.status, subtasks: before._count.subtasks } });
  return { id };
}

export const taskListSelect = {
  id: true, title: true, status: true, priority: true, category: true, dueDate: true, progress: true, completedAt: true, parentTaskId: true,
  assignee: { select: { id: true, fullName: true } },
  lead: { select: { id: true, company: { select: { name: true } } } },
  contact: { select: { id: true, fullName: true } },
  company: { select: { id: true, name: true } },
  opportunity: { select: { id: true, name: true } },
  _count: { select: { subtasks: true } },
} satisfies Prisma.TaskSelect;

export function taskWhere(scope: OrgScope, input: z.output<typeof listTasksSchema>): Prisma.TaskWhereInput {
  const where: Prisma.TaskWhereInput = {};
  if (input.assignee === "me") where.assignedTo = scope.userId;
  else if (input.assignee === "none") where.assignedTo = null;
  else if (input.assignee !== "anyone") where.assignedTo = input.assignee;
  const today = toDateOnly(todayIsoDate())!;
  if (input.state === "open") where.status = { in: [...OPEN_TASK_STATUSES] };
  if (input.state === "overdue") Object.assign(where, { status: { in: [...OPEN_TASK_STATUSES] }, dueDate: { lt: today } });
  if (input.state === "done") where.status = { in: ["completed", "failed"] };
  if (input.priority) where.priority = input.priority;
  if (input.category) where.category = input.category;
  if (input.search) where.title = { contains: input.search, mode: "insensitive" };
  return where;
}

export async function listTasks(scope: OrgScope, input: z.output<typeof listTasksSchema>) {
  const where = taskWhere(scope, input);
  // Priority is an enum in urgency order in the database too (low < normal < high < urgent).
  const order: Prisma.TaskOrderByWithRelationInput =
    input.sort === "dueDate" ? { dueDate: { sort: input.dir, nulls: "last" } }
      : input.sort === "priority" ? { priority: input.dir === "asc" ? "desc" : "asc" }
      : { [input.sort]: input.dir };
  const items = await scope.tx.task.findMany({
    where, orderBy: [order, { priority: "desc" }, { id: "asc" }],
    skip: (input.page - 1) * input.pageSize, take: input.pageSize, select: taskListSelect,
  });
  const total = await scope.tx.task.count({ where });
  const overdue = await scope.tx.task.count({ where: { ...taskWhere(scope, { ...input, state: "overdue" }) } });
  return { ...toPage(items, total, input.page, input.pageSize), overdue, today: todayIsoDate() };
}

export async function listRecordTasks(scope: OrgScope, input: z.output<typeof recordTasksSchema>) {
  const or = linkedTo(input);
  if (!or.length) throw new AppError("BAD_REQUEST", "Say which record's tasks to list", "leadId");
  await assertRecordsExist(scope, input);
  const items = await scope.tx.task.findMany({
    where: { OR: or, parentTaskId: null },
    orderBy: [{ completedAt: { sort: "desc", nulls: "first" } }, { dueDate: { sort: "asc", nulls: "last" } }, { id: "asc" }],
    take: 100, select: taskListSelect,
  });
  return { items, today: todayIsoDate() };
}

export async function getTask(scope: OrgScope, id: string) {
  const task = await scope.tx.task.findUnique({
    where: key(scope, id),
    include: {
      assignee: { select: { id: true, fullName: true } },
      creator: { select: { id: true, fullName: true } },
      parent: { select: { id: true, title: true } },
      subtasks: { select: taskListSelect, orderBy: [{ dueDate: { sort: "asc", nulls: "last" } }, { id: "asc" }] },
      lead: { select: { id: true, company: { select: { name: true } } } },
      contact: { select: { id: true, fullName: true } },
      company: { select: { id: true, name: true } },
      opportunity: { select: { id: true, name: true } },
    },
  });
  if (!task) throw notFound("Task");
  return { ...task, timeline: await listTimeline(scope, "task", id), today: todayIsoDate() };
}

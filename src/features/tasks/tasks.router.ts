import { orgProcedure, router } from "@/server/api/trpc";
import { listTasksSchema, recordTasksSchema, setTaskStatusSchema, taskFieldsSchema, taskIdSchema, updateTaskSchema } from "./tasks.schema";
import { createTask, deleteTask, getTask, listRecordTasks, listTasks, setTaskStatus, updateTask } from "./tasks.service";

const read = { permission: { resource: "tasks", action: "read" } } as const;
const write = { permission: { resource: "tasks", action: "write" } } as const;

export const tasksRouter = router({
  list: orgProcedure.meta(read).input(listTasksSchema).query(({ ctx, input }) => listTasks(ctx.scope, input)),
  forRecord: orgProcedure.meta(read).input(recordTasksSchema).query(({ ctx, input }) => listRecordTasks(ctx.scope, input)),
  get: orgProcedure.meta(read).input(taskIdSchema).query(({ ctx, input }) => getTask(ctx.scope, input.id)),
  create: orgProcedure.meta(write).input(taskFieldsSchema).mutation(({ ctx, input }) => createTask(ctx.scope, input)),
  update: orgProcedure.meta(write).input(updateTaskSchema).mutation(({ ctx, input }) => updateTask(ctx.scope, input.id, input.values)),
  setStatus: orgProcedure.meta(write).input(setTaskStatusSchema).mutation(({ ctx, input }) => setTaskStatus(ctx.scope, input.id, input.status)),
  delete: orgProcedure.meta({ permission: { resource: "tasks", action: "delete" } }).input(taskIdSchema).mutation(({ ctx, input }) => deleteTask(ctx.scope, input.id)),
});

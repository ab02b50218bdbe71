"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Field, FormError } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { useDraft } from "@/components/use-draft";
import { type FieldErrors, errorsFromServer, validate } from "@/lib/form-errors";
import { optionsOf } from "@/lib/labels";
import { api } from "@/trpc/react";
import { TASK_CATEGORIES, TASK_PRIORITIES, TASK_STATUSES, TASK_STATUS_LABELS, taskFieldsSchema } from "../tasks.schema";

export type TaskFormValues = {
  title: string; description: string; status: string; priority: string; category: string; dueDate: string; progress: string; assignedTo: string;
  parentTaskId: string; leadId: string; contactId: string; companyId: string; opportunityId: string;
};

export const EMPTY_TASK: TaskFormValues = {
  title: "", description: "", status: "pending", priority: "normal", category: "follow_up", dueDate: "", progress: "0", assignedTo: "",
  parentTaskId: "", leadId: "", contactId: "", companyId: "", opportunityId: "",
};

export function TaskForm({ orgSlug, taskId, initial, members }: { orgSlug: string; taskId?: string; initial: TaskFormValues; members: { id: string; name: string }[] }) {
  const router = useRouter();
  const draft = useDraft(`task-form:${orgSlug}:${taskId ?? "new"}`, initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const create = api.tasks.create.useMutation();
  const update = api.tasks.update.useMutation();
  const v = draft.values;
  const set = (name: keyof TaskFormValues) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => draft.set(name, e.target.value);

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    const checked = validate(taskFieldsSchema, v);
    if (checked.errors) return setErrors(checked.errors);
    setErrors({});
    try {
      const saved = taskId ? await update.mutateAsync({ id: taskId, values: checked.data }) : await create.mutateAsync(checked.data);
      draft.clear();
      router.push(`/${orgSlug}/tasks/${saved.id}`);
      router.refresh();
    } catch (error) {
      setErrors(errorsFromServer(error as Parameters<typeof errorsFromServer>[0]));
    }
  }

  const busy = create.isPending || update.isPending;
  return (
    <form onSubmit={onSubmit} noValidate className="card grid gap-4 p-5 sm:grid-cols-3" aria-label={taskId ? "Edit task" : "New task"}>
      <div className="sm:col-span-3"><FormError message={errors.form ?? errors.parentTaskId ?? errors.leadId ?? errors.opportunityId ?? errors.companyId ?? errors.contactId} /></div>
      <Field label="Title" name="title" value={v.title} onChange={set("title")} error={errors.title} required autoFocus={!taskId} className="sm:col-span-3" />
      <div className="sm:col-span-3">
        <label htmlFor="task-description" className="mb-1 block text-sm font-medium text-slate-700">Description</label>
        <textarea id="task-description" name="description" rows={4} className="input" value={v.description} onChange={set("description")} />
        {errors.description ? <p role="alert" className="mt-1 text-sm text-red-600">{errors.description}</p> : null}
      </div>
      <SelectField label="Status" name="status" value={v.status} options={TASK_STATUSES.map((s) => ({ value: s, label: TASK_STATUS_LABELS[s] }))} onChange={set("status")} error={errors.status} />
      <SelectField label="Priority" name="priority" value={v.priority} options={optionsOf(TASK_PRIORITIES)} onChange={set("priority")} error={errors.priority} />
      <SelectField label="Category" name="category" value={v.category} options={optionsOf(TASK_CATEGORIES)} onChange={set("category")} error={errors.category} />
      <Field label="Due date" name="dueDate" type="date" value={v.dueDate} onChange={set("dueDate")} error={errors.dueDate} />
      <Field label="Progress (%)" name="progress" type="number" min={0} max={100} step={5} value={v.progress} onChange={set("progress")} error={errors.progress} />
      <SelectField label="Assignee" name="assignedTo" value={v.assignedTo} placeholder={taskId ? "Unchanged" : "Me"} options={members.map((m) => ({ value: m.id, label: m.name }))} onChange={set("assignedTo")} error={errors.assignedTo} />
      <div className="flex gap-3 sm:col-span-3">
        <button type="submit" className="btn-primary" disabled={busy}>{busy ? "Saving…" : taskId ? "Save changes" : "Create task"}</button>
        <button type="button" className="btn-secondary" onClick={() => { draft.clear(); router.back(); }}>Cancel</button>
      </div>
    </form>
  );
}

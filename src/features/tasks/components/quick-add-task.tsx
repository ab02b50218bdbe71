"use client";

import { useHydrated } from "@/components/use-hydrated";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Field, FormError } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { useDraft } from "@/components/use-draft";
import { type FieldErrors, errorsFromServer, validate } from "@/lib/form-errors";
import { api } from "@/trpc/react";
import { taskFieldsSchema } from "../tasks.schema";

type Links = { leadId?: string; contactId?: string; companyId?: string; opportunityId?: string; parentTaskId?: string };

/** A one-line task form for a record's page: title, due date, assignee; Enter saves. */
export function QuickAddTask({ draftKey, links, members, label = "Add a task" }: { draftKey: string; links: Links; members: { id: string; name: string }[]; label?: string }) {
  const router = useRouter();
  const draft = useDraft(`task:${draftKey}`, { title: "", dueDate: "", assignedTo: "" });
  const [errors, setErrors] = useState<FieldErrors>({});
  const create = api.tasks.create.useMutation();
  const hydrated = useHydrated();
  const v = draft.values;

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    const checked = validate(taskFieldsSchema, { ...links, ...v });
    if (checked.errors) return setErrors(checked.errors);
    setErrors({});
    try {
      await create.mutateAsync(checked.data);
      draft.clear();
      router.refresh();
    } catch (error) {
      setErrors(errorsFromServer(error as Parameters<typeof errorsFromServer>[0]));
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label={label} className="space-y-2">
      <FormError message={errors.form} />
      <div className="grid gap-2 sm:grid-cols-[1fr_auto_auto_auto] sm:items-end">
        <Field label="Task" name="title" value={v.title} onChange={(e) => draft.set("title", e.target.value)} error={errors.title} placeholder="Send the proposal" />
        <Field label="Due" name="dueDate" type="date" value={v.dueDate} onChange={(e) => draft.set("dueDate", e.target.value)} error={errors.dueDate} />
        <SelectField label="Assignee" name="assignedTo" value={v.assignedTo} placeholder="Me" options={members.map((m) => ({ value: m.id, label: m.name }))} onChange={(e) => draft.set("assignedTo", e.target.value)} error={errors.assignedTo} />
        <button type="submit" className="btn-secondary" disabled={create.isPending || !hydrated}>{create.isPending ? "Adding…" : "Add task"}</button>
      </div>
    </form>
  );
}

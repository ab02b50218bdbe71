"use client";

import { useRouter } from "next/navigation";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { api } from "@/trpc/react";

export function DeleteTaskButton({ orgSlug, id, title, subtasks }: { orgSlug: string; id: string; title: string; subtasks: number }) {
  const router = useRouter();
  const remove = api.tasks.delete.useMutation();
  return (
    <ConfirmButton label="Delete" title={`Delete “${title}”?`} confirmLabel="Delete task"
      body={<p>{subtasks ? `Its ${subtasks} subtask${subtasks === 1 ? "" : "s"} go with it. ` : ""}This cannot be undone.</p>}
      onConfirm={async () => {
        await remove.mutateAsync({ id });
        router.push(`/${orgSlug}/tasks`);
        router.refresh();
      }} />
  );
}

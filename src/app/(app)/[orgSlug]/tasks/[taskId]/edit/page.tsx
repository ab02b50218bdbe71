import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { TaskForm } from "@/features/tasks/components/task-form";
import { isUuid } from "@/lib/ids";
import { orNotFound, serverApi } from "@/trpc/server";

export const metadata: Metadata = { title: "Edit task" };

export default async function EditTaskPage({ params }: { params: Promise<{ orgSlug: string; taskId: string }> }) {
  const { orgSlug, taskId } = await params;
  if (!isUuid(taskId)) notFound();
  const api = await serverApi(orgSlug);
  const [org, t, members] = await Promise.all([orNotFound(api.organizations.current()), orNotFound(api.tasks.get({ id: taskId })), orNotFound(api.members.list({}))]);
  if (!org.permissions.includes("tasks:write")) notFound();
  const initial = {
    title: t.title, description: t.description ?? "", status: t.status, priority: t.priority, category: t.category,
    dueDate: t.dueDate ? t.dueDate.toISOString().slice(0, 10) : "", progress: String(t.progress), assignedTo: t.assignedTo ?? "",
    parentTaskId: t.parentTaskId ?? "", leadId: t.leadId ?? "", contactId: t.contactId ?? "", companyId: t.companyId ?? "", opportunityId: t.opportunityId ?? "",
  };
  return (
    <div className="max-w-3xl">
      <PageHeader title="Edit task" />
      <TaskForm orgSlug={orgSlug} taskId={t.id} initial={initial} members={members.map((m) => ({ id: m.user.id, name: m.user.fullName }))} />
    </div>
  );
}

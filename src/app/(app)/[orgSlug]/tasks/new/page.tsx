import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { EMPTY_TASK, TaskForm } from "@/features/tasks/components/task-form";
import { orNotFound, serverApi } from "@/trpc/server";

export const metadata: Metadata = { title: "New task" };

export default async function NewTaskPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  const api = await serverApi(orgSlug);
  const [org, members] = await Promise.all([orNotFound(api.organizations.current()), orNotFound(api.members.list({}))]);
  if (!org.permissions.includes("tasks:write")) notFound();
  return (
    <div className="max-w-3xl">
      <PageHeader title="New task" />
      <TaskForm orgSlug={orgSlug} initial={EMPTY_TASK} members={members.map((m) => ({ id: m.user.id, name: m.user.fullName }))} />
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DetailItem } from "@/components/ui/detail-item";
import { DeleteTaskButton } from "@/features/tasks/components/delete-task-button";
import { QuickAddTask } from "@/features/tasks/components/quick-add-task";
import { TaskCheckbox } from "@/features/tasks/components/task-checkbox";
import { TaskRows, isOverdue } from "@/features/tasks/components/task-rows";
import { taskRecord, taskRecordLabel } from "@/features/tasks/task-record";
import { TASK_STATUS_LABELS } from "@/features/tasks/tasks.schema";
import { Timeline } from "@/features/timeline/components/timeline";
import { formatDate, formatDateTime } from "@/lib/dates";
import { isUuid } from "@/lib/ids";
import { humanize } from "@/lib/labels";
import { orNotFound, serverApi } from "@/trpc/server";

export const metadata: Metadata = { title: "Task" };

export default async function TaskPage({ params }: { params: Promise<{ orgSlug: string; taskId: string }> }) {
  const { orgSlug, taskId } = await params;
  if (!isUuid(taskId)) notFound();
  const api = await serverApi(orgSlug);
  const [org, t, members] = await Promise.all([orNotFound(api.organizations.current()), orNotFound(api.tasks.get({ id: taskId })), orNotFound(api.members.list({}))]);
  const canWrite = org.permissions.includes("tasks:write");
  const overdue = isOverdue(t, t.today);
  const record = taskRecord(t);
  return (
    <div>
      <nav aria-label="Breadcrumb" className="mb-2 flex gap-2 text-sm">
        <Link href={`/${orgSlug}/tasks`} className="text-brand-700 hover:underline">Tasks</Link>
        {t.parent ? <>/<Link href={`/${orgSlug}/tasks/${t.parent.id}`} className="text-brand-700 hover:underline">{t.parent.title}</Link></> : null}
      </nav>
      <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
        <div className="flex items-start gap-3">
          {canWrite ? <div className="pt-2"><TaskCheckbox id={t.id} title={t.title} done={t.status === "completed"} /></div> : null}
          <div>
            <h1 className="text-2xl font-semibold">{t.title}</h1>
            <p className={`mt-1 text-sm ${overdue ? "font-semibold text-rose-700" : "text-slate-600"}`}>
              {TASK_STATUS_LABELS[t.status]} · {humanize(t.priority)} priority · {humanize(t.category)}
              {t.dueDate ? ` · ${overdue ? "Overdue, was due" : "Due"} ${formatDate(t.dueDate)}` : ""}
            </p>
          </div>
        </div>
        <div className="flex gap-2">
          {canWrite ? <Link href={`/${orgSlug}/tasks/${t.id}/edit`} className="btn-secondary">Edit</Link> : null}
          {org.permissions.includes("tasks:delete") ? <DeleteTaskButton orgSlug={orgSlug} id={t.id} title={t.title} subtasks={t.subtasks.length} /> : null}
        </div>
      </div>
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <section aria-labelledby="details" className="card p-5">
            <h2 id="details" className="mb-4 font-semibold">Details</h2>
            {t.description ? <p className="mb-4 whitespace-pre-line text-sm">{t.description}</p> : null}
            <div className="mb-4" aria-label={`Progress ${t.progress}%`}>
              <div className="mb-1 text-xs text-slate-500">Progress {t.progress}%</div>
              <div className="h-2 rounded bg-slate-100"><div className="h-2 rounded bg-brand-500" style={{ width: `${t.progress}%` }} /></div>
            </div>
            <dl className="grid gap-4 sm:grid-cols-3 text-sm">
              <DetailItem label="Assignee">{t.assignee?.fullName ?? "Unassigned"}</DetailItem>
              <DetailItem label="Created by">{t.creator?.fullName ?? "—"}</DetailItem>
              <DetailItem label="Completed">{t.completedAt ? formatDateTime(t.completedAt) : "—"}</DetailItem>
              <DetailItem label="On" className="sm:col-span-3">{record ? <Link href={`/${orgSlug}/${record.href}`} className="text-brand-700 hover:underline">{taskRecordLabel(t)}</Link> : "No record"}</DetailItem>
            </dl>
          </section>
          <section aria-labelledby="subtasks" className="card p-5">
            <h2 id="subtasks" className="mb-3 font-semibold">Subtasks</h2>
            {t.subtasks.length ? <TaskRows orgSlug={orgSlug} tasks={t.subtasks} today={t.today} canWrite={canWrite} showRecord={false} /> : <p className="text-sm text-slate-500">No subtasks.</p>}
            {canWrite ? (
              <div className="mt-3 border-t border-slate-100 pt-3">
                <QuickAddTask draftKey={`${orgSlug}:sub:${t.id}`} label="Add a subtask" members={members.map((m) => ({ id: m.user.id, name: m.user.fullName }))}
                  links={{ parentTaskId: t.id, ...(t.leadId ? { leadId: t.leadId } : {}), ...(t.opportunityId ? { opportunityId: t.opportunityId } : {}), ...(t.companyId ? { companyId: t.companyId } : {}), ...(t.contactId ? { contactId: t.contactId } : {}) }} />
              </div>
            ) : null}
          </section>
        </div>
        <section aria-labelledby="activity" className="card p-5">
          <h2 id="activity" className="mb-3 font-semibold">Activity</h2>
          <Timeline events={t.timeline} />
        </section>
      </div>
    </div>
  );
}

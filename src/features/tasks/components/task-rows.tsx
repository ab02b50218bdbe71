import Link from "next/link";
import { formatDate } from "@/lib/dates";
import { humanize } from "@/lib/labels";
import { TASK_STATUS_LABELS } from "../tasks.schema";
import { taskRecord } from "../task-record";
import { TaskCheckbox } from "./task-checkbox";

const PRIORITY_STYLE = { urgent: "bg-rose-100 text-rose-800", high: "bg-amber-100 text-amber-800", normal: "bg-slate-100 text-slate-700", low: "bg-slate-50 text-slate-500" } as const;

export interface TaskRow {
  id: string;
  title: string;
  status: keyof typeof TASK_STATUS_LABELS;
  priority: keyof typeof PRIORITY_STYLE;
  category: string;
  dueDate: Date | null;
  progress: number;
  assignee: { fullName: string } | null;
  lead: { id: string; company: { name: string } } | null;
  contact: { id: string; fullName: string } | null;
  company: { id: string; name: string } | null;
  opportunity: { id: string; name: string } | null;
  _count: { subtasks: number };
}

export const isOverdue = (t: Pick<TaskRow, "dueDate" | "status">, today: string) =>
  t.dueDate !== null && t.dueDate.toISOString().slice(0, 10) < today && t.status !== "completed" && t.status !== "failed";

function RecordLink({ orgSlug, t }: { orgSlug: string; t: TaskRow }) {
  const link = taskRecord(t);
  return link ? <Link href={`/${orgSlug}/${link.href}`} className="text-brand-700 hover:underline">{link.name}</Link> : null;
}

/** Task rows with a done checkbox; overdue ones are marked in words as well as colour. */
export function TaskRows({ orgSlug, tasks, today, canWrite, showRecord = true }: { orgSlug: string; tasks: TaskRow[]; today: string; canWrite: boolean; showRecord?: boolean }) {
  return (
    <ul className="divide-y divide-slate-100" aria-label="Tasks">
      {tasks.map((t) => {
        const done = t.status === "completed";
        const overdue = isOverdue(t, today);
        return (
          <li key={t.id} className={`flex items-start gap-3 py-2 ${overdue ? "bg-rose-50/60" : ""}`}>
            <div className="pt-0.5">{canWrite ? <TaskCheckbox id={t.id} title={t.title} done={done} /> : null}</div>
            <div className="min-w-0 flex-1">
              <Link href={`/${orgSlug}/tasks/${t.id}`} className={`font-medium hover:underline ${done ? "text-slate-400 line-through" : "text-slate-900"}`}>{t.title}</Link>
              <div className="mt-0.5 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-500">
                <span className={`rounded px-1.5 py-0.5 ${PRIORITY_STYLE[t.priority]}`}>{humanize(t.priority)}</span>
                <span>{humanize(t.category)}</span>
                {t.status !== "pending" && !done ? <span>{TASK_STATUS_LABELS[t.status]}{t.progress ? ` ${t.progress}%` : ""}</span> : null}
                {t.dueDate ? <span className={overdue ? "font-semibold text-rose-700" : ""}>{overdue ? "Overdue · due " : "Due "}{formatDate(t.dueDate)}</span> : null}
                {t._count.subtasks ? <span>{t._count.subtasks} subtask{t._count.subtasks === 1 ? "" : "s"}</span> : null}
                {t.assignee ? <span>{t.assignee.fullName}</span> : <span>Unassigned</span>}
                {showRecord ? <RecordLink orgSlug={orgSlug} t={t} /> : null}
              </div>
            </div>
          </li>
        );
      })}
    </ul>
  );
}

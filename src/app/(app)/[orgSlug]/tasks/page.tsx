import type { Metadata } from "next";
import Link from "next/link";
import { Pagination } from "@/components/list/pagination";
import { FilterSelect } from "@/components/list/filter-select";
import { type RawSearchParams, listHref, plainParams } from "@/components/list/search-params";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { SavedViewsBar } from "@/features/saved-views/components/saved-views-bar";
import { QuickAddTask } from "@/features/tasks/components/quick-add-task";
import { TaskRows } from "@/features/tasks/components/task-rows";
import { TASK_CATEGORIES, TASK_PRIORITIES, listTasksSchema } from "@/features/tasks/tasks.schema";
import { optionsOf } from "@/lib/labels";
import { orNotFound, serverApi } from "@/trpc/server";

export const metadata: Metadata = { title: "Tasks" };

const STATES = [
  { value: "open", label: "Open" }, { value: "overdue", label: "Overdue" }, { value: "done", label: "Done" }, { value: "all", label: "All" },
] as const;

export default async function TasksPage({ params, searchParams }: { params: Promise<{ orgSlug: string }>; searchParams: Promise<RawSearchParams> }) {
  const { orgSlug } = await params;
  const raw = plainParams(await searchParams);
  const parsed = listTasksSchema.safeParse(raw);
  const query = parsed.success ? parsed.data : listTasksSchema.parse({});
  const api = await serverApi(orgSlug);
  const [page, org, views, members] = await Promise.all([
    orNotFound(api.tasks.list(query)), orNotFound(api.organizations.current()), orNotFound(api.savedViews.list({ resource: "tasks" })), orNotFound(api.members.list({})),
  ]);
  const canWrite = org.permissions.includes("tasks:write");
  const href = (changes: Record<string, string | number | undefined>) => listHref(`/${orgSlug}/tasks`, raw, changes);
  const exportHref = listHref("/api/export/tasks", raw, { org: orgSlug, page: undefined });
  const mine = query.assignee === "me";
  const people = members.map((m) => ({ id: m.user.id, name: m.user.fullName }));

  return (
    <div>
      <PageHeader title={mine ? "My tasks" : "Tasks"}
        description={`${page.total} ${page.total === 1 ? "task" : "tasks"}${page.overdue ? ` · ${page.overdue} overdue` : ""}`}
        actions={
          <div className="flex gap-2">
            <a href={exportHref} className="btn-secondary">Export CSV</a>
            {canWrite ? <Link href={`/${orgSlug}/tasks/new`} className="btn-primary">New task</Link> : null}
          </div>
        } />
      <nav aria-label="Task filters" className="mb-3 flex flex-wrap gap-1">
        {STATES.map((s) => (
          <Link key={s.value} href={href({ state: s.value, page: undefined })} aria-current={query.state === s.value ? "page" : undefined}
            className={`rounded-full px-3 py-1 text-sm ${query.state === s.value ? "bg-brand-600 text-white" : "bg-white text-slate-700 ring-1 ring-slate-200 hover:bg-slate-50"}`}>
            {s.label}{s.value === "overdue" && page.overdue ? ` (${page.overdue})` : ""}
          </Link>
        ))}
      </nav>
      <SavedViewsBar resource="tasks" basePath={`/${orgSlug}/tasks`} current={raw} views={views} />
      <form role="search" aria-label="Filter tasks" className="card mb-4 flex flex-wrap items-end gap-3 p-4" action={`/${orgSlug}/tasks`}>
        <div className="min-w-[12rem] flex-1">
          <label htmlFor="search" className="mb-1 block text-sm font-medium text-slate-700">Search</label>
          <input id="search" name="search" defaultValue={query.search ?? ""} placeholder="Task title" className="input" />
        </div>
        <FilterSelect name="assignee" label="Assigned to" value={query.assignee} anyLabel={null}
          options={[{ value: "me", label: "Me" }, { value: "anyone", label: "Anyone" }, { value: "none", label: "Nobody" }, ...people.map((m) => ({ value: m.id, label: m.name }))]} />
        <FilterSelect name="priority" label="Priority" value={query.priority} options={optionsOf(TASK_PRIORITIES)} />
        <FilterSelect name="category" label="Category" value={query.category} options={optionsOf(TASK_CATEGORIES)} />
        <input type="hidden" name="state" value={query.state} />
        <button type="submit" className="btn-primary">Apply</button>
      </form>
      {canWrite ? <div className="card mb-4 p-4"><QuickAddTask draftKey={`${orgSlug}:list`} links={{}} members={people} label="Quick add a task" /></div> : null}
      {page.items.length === 0 ? (
        <EmptyState title={query.state === "overdue" ? "Nothing overdue" : "No tasks here"}>
          <p>{query.state === "overdue" ? "Everything is on time." : "Add follow-ups from any lead, deal, company or contact, or right here."}</p>
        </EmptyState>
      ) : (
        <>
          <div className="card px-4 py-2"><TaskRows orgSlug={orgSlug} tasks={page.items} today={page.today} canWrite={canWrite} /></div>
          <Pagination page={page.page} pageSize={page.pageSize} total={page.total} pageCount={page.pageCount} href={href} />
        </>
      )}
    </div>
  );
}

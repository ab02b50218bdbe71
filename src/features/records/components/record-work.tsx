// The working half of a record's page: log a call/email/meeting/note, see every interaction,
// and the record's tasks with a quick-add. Shared by leads, deals, companies and contacts.
import Link from "next/link";
import { InteractionList } from "@/features/interactions/components/interaction-list";
import { LogInteractionForm } from "@/features/interactions/components/log-interaction-form";
import { QuickAddTask } from "@/features/tasks/components/quick-add-task";
import { TaskRows } from "@/features/tasks/components/task-rows";
import { orNotFound, serverApi } from "@/trpc/server";
import type { RecordLinks } from "../record-links";

export async function RecordWork({ orgSlug, links, permissions }: { orgSlug: string; links: RecordLinks & { [k: string]: string | undefined }; permissions: readonly string[] }) {
  const api = await serverApi(orgSlug);
  const can = (p: string) => permissions.includes(p);
  const clean = Object.fromEntries(Object.entries(links).filter(([, v]) => v)) as Record<string, string>;
  const draftKey = `${orgSlug}:${Object.values(clean).join(":")}`;
  const [interactions, tasks, members] = await Promise.all([
    can("interactions:read") ? orNotFound(api.interactions.list(clean)) : Promise.resolve(null),
    can("tasks:read") ? orNotFound(api.tasks.forRecord(clean)) : Promise.resolve(null),
    orNotFound(api.members.list({})),
  ]);
  const people = members.map((m) => ({ id: m.user.id, name: m.user.fullName }));
  return (
    <>
      {tasks ? (
        <section aria-labelledby="tasks-heading" className="card p-5">
          <div className="mb-3 flex items-center justify-between">
            <h2 id="tasks-heading" className="font-semibold">Tasks</h2>
            <Link href={`/${orgSlug}/tasks?assignee=anyone`} className="text-sm text-brand-700 hover:underline">All tasks</Link>
          </div>
          {tasks.items.length ? <TaskRows orgSlug={orgSlug} tasks={tasks.items} today={tasks.today} canWrite={can("tasks:write")} showRecord={false} /> : <p className="mb-3 text-sm text-slate-500">No tasks on this record.</p>}
          {can("tasks:write") ? <div className="mt-3 border-t border-slate-100 pt-3"><QuickAddTask draftKey={draftKey} links={clean} members={people} /></div> : null}
        </section>
      ) : null}
      {interactions ? (
        <section aria-labelledby="interactions-heading" className="card p-5">
          <h2 id="interactions-heading" className="mb-3 font-semibold">Interactions</h2>
          {can("interactions:write") ? <div className="mb-4 border-b border-slate-100 pb-4"><LogInteractionForm draftKey={draftKey} links={clean} /></div> : null}
          <InteractionList items={interactions} canWrite={can("interactions:write")} />
        </section>
      ) : null}
    </>
  );
}

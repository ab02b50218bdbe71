import { formatDateTime, formatRelative } from "@/lib/dates";

interface Event {
  id: string;
  title: string;
  description: string | null;
  occurredAt: Date;
  actor: { fullName: string } | null;
}

/** A record's history, newest first. */
export function Timeline({ events }: { events: Event[] }) {
  if (events.length === 0) return <p className="text-sm text-slate-600">Nothing has happened here yet.</p>;
  return (
    <ol className="relative space-y-4 border-l border-slate-200 pl-4">
      {events.map((e) => (
        <li key={e.id} className="relative">
          <span aria-hidden="true" className="absolute -left-[1.3rem] top-1.5 h-2.5 w-2.5 rounded-full bg-brand-500" />
          <p className="text-sm font-medium">{e.title}</p>
          {e.description ? <p className="text-sm text-slate-600">{e.description}</p> : null}
          <p className="text-xs text-slate-500">
            {e.actor?.fullName ?? "System"} · <time dateTime={e.occurredAt.toISOString()} title={formatDateTime(e.occurredAt)}>{formatRelative(e.occurredAt)}</time>
          </p>
        </li>
      ))}
    </ol>
  );
}

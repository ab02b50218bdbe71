import { formatDateTime } from "@/lib/dates";
import { INTERACTION_TYPE_LABELS } from "../interactions.schema";
import { CompleteInteractionButton } from "./complete-interaction-button";
import { SENTIMENT_STYLE } from "./interaction-badges";

const TYPE_LABEL = INTERACTION_TYPE_LABELS;

interface Item {
  id: string;
  type: keyof typeof TYPE_LABEL;
  direction: string;
  subject: string | null;
  content: string | null;
  summary: string | null;
  outcome: string | null;
  callDuration: number | null;
  sentiment: keyof typeof SENTIMENT_STYLE | null;
  meetingLocation: string | null;
  scheduledFor: Date | null;
  completedAt: Date | null;
  occurredAt: Date;
  initiator: { fullName: string } | null;
}

export function InteractionList({ items, canWrite }: { items: Item[]; canWrite: boolean }) {
  if (!items.length) return <p className="text-sm text-slate-500">No calls, emails, meetings or notes yet.</p>;
  return (
    <ol className="space-y-3" aria-label="Interactions">
      {items.map((i) => (
        <li key={i.id} className="rounded-md border border-slate-200 p-3">
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <span className="rounded bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700">{TYPE_LABEL[i.type]}{i.type !== "note" ? ` · ${i.direction}` : ""}</span>
            <span className="font-medium">{i.subject ?? TYPE_LABEL[i.type]}</span>
            {i.sentiment ? <span className={`rounded-full px-2 py-0.5 text-xs ${SENTIMENT_STYLE[i.sentiment]}`}>Sentiment: {i.sentiment}</span> : null}
            {!i.completedAt ? <span className="rounded-full bg-amber-50 px-2 py-0.5 text-xs text-amber-800">Planned</span> : null}
          </div>
          {i.content ? <p className="mt-1 line-clamp-3 whitespace-pre-line text-sm text-slate-700">{i.content}</p> : null}
          <p className="mt-1 text-xs text-slate-500">
            {[i.initiator?.fullName, formatDateTime(i.occurredAt), i.callDuration ? `${Math.round(i.callDuration / 60)} min` : null, i.meetingLocation, i.outcome ? `Outcome: ${i.outcome}` : null].filter(Boolean).join(" · ")}
          </p>
          {!i.completedAt && canWrite ? <div className="mt-1"><CompleteInteractionButton id={i.id} /></div> : null}
        </li>
      ))}
    </ol>
  );
}

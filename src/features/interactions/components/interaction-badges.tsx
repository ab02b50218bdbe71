import { INTERACTION_STATE_LABELS, type InteractionState } from "../interactions.schema";

export const SENTIMENT_STYLE = { positive: "bg-emerald-50 text-emerald-800", neutral: "bg-slate-100 text-slate-700", negative: "bg-rose-50 text-rose-800" } as const;
const STATE_STYLE = { planned: "bg-amber-50 text-amber-800", overdue: "bg-rose-50 text-rose-800", done: "bg-emerald-50 text-emerald-800" } as const satisfies Record<InteractionState, string>;

/** Sentiment in words (never colour alone), with the score when there is one. */
export function SentimentBadge({ sentiment, score }: { sentiment: keyof typeof SENTIMENT_STYLE | null; score?: string | null }) {
  if (!sentiment) return <span className="text-slate-400"><span aria-hidden="true">—</span><span className="sr-only">None</span></span>;
  return (
    <span className={`whitespace-nowrap rounded-full px-2 py-0.5 text-xs ${SENTIMENT_STYLE[sentiment]}`}>
      {sentiment.charAt(0).toUpperCase() + sentiment.slice(1)}{score != null ? ` (${score})` : ""}
    </span>
  );
}

export function InteractionStateBadge({ state }: { state: InteractionState }) {
  return <span className={`whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ${STATE_STYLE[state]}`}>{INTERACTION_STATE_LABELS[state]}</span>;
}

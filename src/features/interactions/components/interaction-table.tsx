import Link from "next/link";
import { SortHeader } from "@/components/list/sort-header";
import { recordRefs } from "@/features/records/record-refs";
import { formatDateTime, formatRelative } from "@/lib/dates";
import { INTERACTION_TYPE_LABELS, type InteractionState } from "../interactions.schema";
import { InteractionStateBadge, type SENTIMENT_STYLE, SentimentBadge } from "./interaction-badges";
import { ListTable } from "@/components/list/list-table";

export interface InteractionRow {
  id: string;
  type: keyof typeof INTERACTION_TYPE_LABELS;
  direction: string;
  subject: string | null;
  summary: string | null;
  sentiment: keyof typeof SENTIMENT_STYLE | null;
  occurredAt: Date;
  state: InteractionState;
  initiator: { fullName: string } | null;
  lead: { id: string; company: { name: string } } | null;
  opportunity: { id: string; name: string } | null;
  company: { id: string; name: string } | null;
  contact: { id: string; fullName: string } | null;
}

const SORT_LABEL = { occurredAt: "when", type: "type", subject: "subject" } as const;

/** What to call an interaction that has no subject: its summary's start, else its type. */
export function interactionTitle(i: Pick<InteractionRow, "type" | "subject" | "summary">): string {
  if (i.subject) return i.subject;
  if (i.summary) return i.summary.length > 60 ? `${i.summary.slice(0, 57)}…` : i.summary;
  return `${INTERACTION_TYPE_LABELS[i.type]} (no subject)`;
}

/** The Activities table: sortable by type, subject and when; each row links to its page and its record. */
export function InteractionTable({ orgSlug, rows, sort, dir, href }: {
  orgSlug: string;
  rows: InteractionRow[];
  sort: keyof typeof SORT_LABEL;
  dir: "asc" | "desc";
  href: (changes: Record<string, string | number>) => string;
}) {
  return (
    <ListTable caption={<>Activities, sorted by {SORT_LABEL[sort]} {dir === "asc" ? "ascending" : "descending"}</>} head={<>
      <SortHeader label="Type" column="type" sort={sort} dir={dir} href={href} />
      <SortHeader label="Subject" column="subject" sort={sort} dir={dir} href={href} />
      <th scope="col" className="px-4 py-3">On</th>
      <th scope="col" className="hidden px-4 py-3 md:table-cell">Logged by</th>
      <SortHeader label="When" column="occurredAt" sort={sort} dir={dir} href={href} />
      <th scope="col" className="px-4 py-3">Sentiment</th>
      <th scope="col" className="px-4 py-3">Status</th>
    </>}>
      {rows.map((i) => {
        const record = recordRefs(i)[0];
        return (
          <tr key={i.id} className="hover:bg-slate-50">
            <td className="whitespace-nowrap px-4 py-3">
              {INTERACTION_TYPE_LABELS[i.type]}
              {i.type !== "note" ? <span className="block text-xs text-slate-500">{i.direction === "inbound" ? "Inbound" : "Outbound"}</span> : null}
            </td>
            <td className="px-4 py-3">
              <Link href={`/${orgSlug}/activities/${i.id}`} className="font-medium text-brand-700 hover:underline">{interactionTitle(i)}</Link>
            </td>
            <td className="px-4 py-3">
              {record ? (
                <>
                  <span className="block text-xs text-slate-500">{record.kind}</span>
                  <Link href={`/${orgSlug}/${record.href}`} className="text-brand-700 hover:underline">{record.name}</Link>
                </>
              ) : "—"}
            </td>
            <td className="hidden px-4 py-3 md:table-cell">{i.initiator?.fullName ?? "—"}</td>
            <td className="whitespace-nowrap px-4 py-3 text-slate-600"><time dateTime={i.occurredAt.toISOString()} title={formatDateTime(i.occurredAt)}>{formatRelative(i.occurredAt)}</time></td>
            <td className="px-4 py-3"><SentimentBadge sentiment={i.sentiment} /></td>
            <td className="px-4 py-3"><InteractionStateBadge state={i.state} /></td>
          </tr>
        );
      })}
    </ListTable>
  );
}

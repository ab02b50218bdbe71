import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DetailItem } from "@/components/ui/detail-item";
import { CompleteInteractionButton } from "@/features/interactions/components/complete-interaction-button";
import { DeleteInteractionButton } from "@/features/interactions/components/delete-interaction-button";
import { InteractionStateBadge, SentimentBadge } from "@/features/interactions/components/interaction-badges";
import { interactionTitle } from "@/features/interactions/components/interaction-table";
import { INTERACTION_TYPE_LABELS } from "@/features/interactions/interactions.schema";
import { recordRefs } from "@/features/records/record-refs";
import { formatDateTime } from "@/lib/dates";
import { isUuid } from "@/lib/ids";
import { orNotFound, serverApi } from "@/trpc/server";

export const metadata: Metadata = { title: "Activity" };

const minutes = (n: number | null) => (n == null ? null : `${n} min`);
const yesNo = (b: boolean) => (b ? "Yes" : "No");
// Only web links become links: a stored value is never rendered as a javascript: URL.
const isWebUrl = (url: string) => /^https?:\/\//i.test(url);

export default async function ActivityPage({ params }: { params: Promise<{ orgSlug: string; interactionId: string }> }) {
  const { orgSlug, interactionId } = await params;
  if (!isUuid(interactionId)) notFound();
  const api = await serverApi(orgSlug);
  const [org, i, members] = await Promise.all([
    orNotFound(api.organizations.current()), orNotFound(api.interactions.get({ id: interactionId })), orNotFound(api.members.list({})),
  ]);
  const can = (p: string) => org.permissions.includes(p);
  const title = interactionTitle(i);
  const typeLabel = INTERACTION_TYPE_LABELS[i.type];
  const records = recordRefs(i);
  const names = new Map(members.map((m) => [m.user.id, m.user.fullName]));
  const participants = i.participatedUsers.map((id) => names.get(id) ?? "A former member");
  const showCall = i.type === "call" || i.callDuration != null || Boolean(i.callRecordingUrl || i.callTranscript);
  const showEmail = i.type === "email" || i.emailOpened || i.emailClicked || Boolean(i.emailMessageId || i.emailThreadId);
  const showMeeting = i.type === "meeting" || i.meetingDate != null || i.meetingDuration != null || Boolean(i.meetingLocation) || i.meetingAttendees.length > 0;

  return (
    <div>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm"><Link href={`/${orgSlug}/activities`} className="text-brand-700 hover:underline">Activities</Link></nav>
      <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">{title}</h1>
          <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">
            <span>{typeLabel}{i.type !== "note" ? ` · ${i.direction}` : ""} · {formatDateTime(i.occurredAt)}</span>
            <InteractionStateBadge state={i.state} />
          </p>
        </div>
        <div className="flex items-center gap-2">
          {i.state !== "done" && can("interactions:write") ? <CompleteInteractionButton id={i.id} /> : null}
          {can("interactions:delete") ? <DeleteInteractionButton orgSlug={orgSlug} id={i.id} title={title} /> : null}
        </div>
      </div>
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <section aria-labelledby="details" className="card p-5">
            <h2 id="details" className="mb-4 font-semibold">Details</h2>
            <dl className="grid gap-4 sm:grid-cols-3">
              <DetailItem label="Type">{typeLabel}</DetailItem>
              <DetailItem label="Direction">{i.type === "note" ? null : i.direction === "inbound" ? "Inbound" : "Outbound"}</DetailItem>
              <DetailItem label="Status"><InteractionStateBadge state={i.state} /></DetailItem>
              <DetailItem label="Logged by">{i.initiator?.fullName}</DetailItem>
              <DetailItem label="Participants">{participants.length ? participants.join(", ") : null}</DetailItem>
              <DetailItem label="Sentiment"><SentimentBadge sentiment={i.sentiment} score={i.sentimentScore} /></DetailItem>
              <DetailItem label="Occurred">{formatDateTime(i.occurredAt)}</DetailItem>
              <DetailItem label="Scheduled for">{i.scheduledFor ? formatDateTime(i.scheduledFor) : null}</DetailItem>
              <DetailItem label="Completed">{i.completedAt ? formatDateTime(i.completedAt) : "Not yet"}</DetailItem>
              <DetailItem label="Outcome" className="sm:col-span-3">{i.outcome}</DetailItem>
            </dl>
            {i.summary ? <><h3 className="mb-1 mt-4 text-sm font-semibold">Summary</h3><p className="whitespace-pre-line text-sm">{i.summary}</p></> : null}
            {i.content ? <><h3 className="mb-1 mt-4 text-sm font-semibold">{i.type === "note" ? "Note" : "Notes"}</h3><p className="whitespace-pre-line text-sm">{i.content}</p></> : null}
          </section>
          {showCall ? (
            <section aria-labelledby="call" className="card p-5">
              <h2 id="call" className="mb-4 font-semibold">Call</h2>
              <dl className="grid gap-4 sm:grid-cols-3">
                <DetailItem label="Duration">{i.callDuration != null ? minutes(Math.round(i.callDuration / 60)) : null}</DetailItem>
                <DetailItem label="Recording" className="sm:col-span-2">
                  {i.callRecordingUrl ? (isWebUrl(i.callRecordingUrl) ? <a href={i.callRecordingUrl} className="break-all text-brand-700 hover:underline" rel="noopener noreferrer" target="_blank">{i.callRecordingUrl}</a> : <span className="break-all">{i.callRecordingUrl}</span>) : null}
                </DetailItem>
              </dl>
              <h3 className="mb-1 mt-4 text-sm font-semibold">Transcript</h3>
              {i.callTranscript ? <p className="max-h-96 overflow-y-auto whitespace-pre-line rounded-md bg-slate-50 p-3 text-sm">{i.callTranscript}</p> : <p className="text-sm text-slate-500">No transcript.</p>}
            </section>
          ) : null}
          {showEmail ? (
            <section aria-labelledby="email" className="card p-5">
              <h2 id="email" className="mb-4 font-semibold">Email</h2>
              <dl className="grid gap-4 sm:grid-cols-3">
                <DetailItem label="Opened">{yesNo(i.emailOpened)}</DetailItem>
                <DetailItem label="Clicked">{yesNo(i.emailClicked)}</DetailItem>
                <DetailItem label="Thread">{i.emailThreadId ? <span className="break-all">{i.emailThreadId}</span> : null}</DetailItem>
                <DetailItem label="Message id" className="sm:col-span-3">{i.emailMessageId ? <span className="break-all">{i.emailMessageId}</span> : null}</DetailItem>
              </dl>
            </section>
          ) : null}
          {showMeeting ? (
            <section aria-labelledby="meeting" className="card p-5">
              <h2 id="meeting" className="mb-4 font-semibold">Meeting</h2>
              <dl className="grid gap-4 sm:grid-cols-3">
                <DetailItem label="Date">{i.meetingDate ? formatDateTime(i.meetingDate) : null}</DetailItem>
                <DetailItem label="Length">{minutes(i.meetingDuration)}</DetailItem>
                <DetailItem label="Location">{i.meetingLocation}</DetailItem>
                <DetailItem label="Attendees" className="sm:col-span-3">
                  {i.meetingAttendees.length ? <ul className="list-disc pl-5">{i.meetingAttendees.map((a) => <li key={a}>{a}</li>)}</ul> : null}
                </DetailItem>
              </dl>
            </section>
          ) : null}
        </div>
        <div className="space-y-6">
          <section aria-labelledby="records" className="card p-5">
            <h2 id="records" className="mb-3 font-semibold">On</h2>
            {records.length ? (
              <ul className="space-y-2 text-sm">
                {records.map((r) => (
                  <li key={r.href}>
                    <span className="block text-xs text-slate-500">{r.kind}</span>
                    <Link href={`/${orgSlug}/${r.href}`} className="text-brand-700 hover:underline">{r.name}</Link>
                  </li>
                ))}
              </ul>
            ) : <p className="text-sm text-slate-500">Not on any record.</p>}
          </section>
          <section aria-labelledby="record-keeping" className="card p-5">
            <h2 id="record-keeping" className="mb-3 font-semibold">Record keeping</h2>
            <dl className="space-y-3">
              <DetailItem label="Logged">{formatDateTime(i.createdAt)}</DetailItem>
              <DetailItem label="Last changed">{formatDateTime(i.updatedAt)}</DetailItem>
            </dl>
          </section>
        </div>
      </div>
    </div>
  );
}

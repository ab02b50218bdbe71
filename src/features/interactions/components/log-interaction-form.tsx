"use client";

import { useHydrated } from "@/components/use-hydrated";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Field, FormError } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { useDraft } from "@/components/use-draft";
import { type FieldErrors, errorsFromServer, validate } from "@/lib/form-errors";
import { api } from "@/trpc/react";
import { INTERACTION_TYPES, INTERACTION_TYPE_LABELS, logInteractionSchema } from "../interactions.schema";

const TYPE_LABEL = INTERACTION_TYPE_LABELS;
type Links = { leadId?: string; contactId?: string; companyId?: string; opportunityId?: string };

const EMPTY = {
  type: "call", direction: "outbound", subject: "", content: "", outcome: "", callDurationMinutes: "", callRecordingUrl: "", callTranscript: "",
  emailOpened: "", emailClicked: "", meetingDate: "", meetingDuration: "", meetingLocation: "", meetingAttendees: "", scheduledFor: "",
};

/** datetime-local holds the person's own clock time; the server gets an unambiguous ISO instant. */
const toIso = (local: string) => (local ? new Date(local).toISOString() : "");

/** Log a call, email, meeting, note or SMS on a record (or schedule one for later). */
export function LogInteractionForm({ draftKey, links }: { draftKey: string; links: Links }) {
  const router = useRouter();
  const draft = useDraft(`interaction:${draftKey}`, EMPTY);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState<string | null>(null);
  const log = api.interactions.log.useMutation();
  const hydrated = useHydrated();
  const v = draft.values;
  const set = (name: keyof typeof EMPTY) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => draft.set(name, e.target.value);

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    const checked = validate(logInteractionSchema, {
      ...links, ...v, emailOpened: v.emailOpened === "yes", emailClicked: v.emailClicked === "yes",
      meetingDate: toIso(v.meetingDate), scheduledFor: toIso(v.scheduledFor),
    });
    if (checked.errors) return setErrors(checked.errors);
    setErrors({});
    try {
      const result = await log.mutateAsync(checked.data);
      draft.clear();
      setSaved(`${TYPE_LABEL[checked.data.type]} ${checked.data.scheduledFor ? "scheduled" : "logged"}${result.sentiment ? ` · sentiment ${result.sentiment.label}` : ""}`);
      router.refresh();
    } catch (error) {
      setErrors(errorsFromServer(error as Parameters<typeof errorsFromServer>[0]));
    }
  }

  const type = v.type as (typeof INTERACTION_TYPES)[number];
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label="Log an interaction">
      <FormError message={errors.form ?? errors.leadId} />
      <div role="radiogroup" aria-label="Kind of interaction" className="flex flex-wrap gap-1">
        {INTERACTION_TYPES.map((t) => (
          <label key={t} className={`cursor-pointer rounded-md border px-3 py-1 text-sm ${type === t ? "border-brand-600 bg-brand-50 text-brand-700" : "border-slate-200 text-slate-700 hover:bg-slate-50"}`}>
            <input type="radio" name="type" value={t} checked={type === t} onChange={set("type")} className="sr-only" />
            {TYPE_LABEL[t]}
          </label>
        ))}
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        {type !== "note" ? (
          <SelectField label="Direction" name="direction" value={v.direction} options={[{ value: "outbound", label: "Outbound (we reached out)" }, { value: "inbound", label: "Inbound (they reached us)" }]} onChange={set("direction")} error={errors.direction} />
        ) : null}
        <Field label="Subject" name="subject" value={v.subject} onChange={set("subject")} error={errors.subject} />
      </div>
      <div>
        <label htmlFor={`${draftKey}-content`} className="mb-1 block text-sm font-medium text-slate-700">{type === "note" ? "Note" : "Notes"}</label>
        <textarea id={`${draftKey}-content`} name="content" rows={3} className="input" value={v.content} onChange={set("content")}
          aria-invalid={errors.content ? true : undefined} aria-describedby={errors.content ? `${draftKey}-content-error` : undefined} />
        {errors.content ? <p id={`${draftKey}-content-error`} role="alert" className="mt-1 text-sm text-red-600">{errors.content}</p> : null}
      </div>
      {type === "call" ? (
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label="Duration (minutes)" name="callDurationMinutes" inputMode="numeric" value={v.callDurationMinutes} onChange={set("callDurationMinutes")} error={errors.callDurationMinutes} />
          <Field label="Recording URL" name="callRecordingUrl" value={v.callRecordingUrl} onChange={set("callRecordingUrl")} error={errors.callRecordingUrl} />
          <div className="sm:col-span-2">
            <label htmlFor={`${draftKey}-transcript`} className="mb-1 block text-sm font-medium text-slate-700">Transcript</label>
            <textarea id={`${draftKey}-transcript`} name="callTranscript" rows={2} className="input" value={v.callTranscript} onChange={set("callTranscript")} />
            <p className="mt-1 text-xs text-slate-500">Sentiment is read from the transcript, or from the notes when there is none.</p>
          </div>
        </div>
      ) : null}
      {type === "email" ? (
        <div className="flex gap-4 text-sm">
          <label className="flex items-center gap-2"><input type="checkbox" checked={v.emailOpened === "yes"} onChange={(e) => draft.set("emailOpened", e.target.checked ? "yes" : "")} /> Opened</label>
          <label className="flex items-center gap-2"><input type="checkbox" checked={v.emailClicked === "yes"} onChange={(e) => draft.set("emailClicked", e.target.checked ? "yes" : "")} /> Clicked</label>
        </div>
      ) : null}
      {type === "meeting" ? (
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label="Meeting date" name="meetingDate" type="datetime-local" value={v.meetingDate} onChange={set("meetingDate")} error={errors.meetingDate} />
          <Field label="Length (minutes)" name="meetingDuration" inputMode="numeric" value={v.meetingDuration} onChange={set("meetingDuration")} error={errors.meetingDuration} />
          <Field label="Location" name="meetingLocation" value={v.meetingLocation} onChange={set("meetingLocation")} error={errors.meetingLocation} />
          <Field label="Attendees" name="meetingAttendees" value={v.meetingAttendees} onChange={set("meetingAttendees")} error={errors.meetingAttendees} hint="Names or emails, separated by commas" />
        </div>
      ) : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Outcome" name="outcome" value={v.outcome} onChange={set("outcome")} error={errors.outcome} placeholder="Booked a demo" />
        <Field label="Schedule for later" name="scheduledFor" type="datetime-local" value={v.scheduledFor} onChange={set("scheduledFor")} error={errors.scheduledFor} hint="Leave empty if it already happened" />
      </div>
      <div className="flex items-center gap-3">
        <button type="submit" className="btn-primary" disabled={log.isPending || !hydrated}>{log.isPending ? "Saving…" : v.scheduledFor ? `Schedule ${TYPE_LABEL[type].toLowerCase()}` : `Log ${TYPE_LABEL[type].toLowerCase()}`}</button>
        <p role="status" className="text-sm text-emerald-700">{saved}</p>
      </div>
    </form>
  );
}

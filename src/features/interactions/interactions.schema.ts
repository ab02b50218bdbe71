import { z } from "zod";
import { optionalDateTime, optionalText, optionalUrl, optionalUuid } from "@/lib/form-fields";

export const INTERACTION_TYPES = ["call", "email", "meeting", "note", "sms"] as const;
export const INTERACTION_TYPE_LABELS = { call: "Call", email: "Email", meeting: "Meeting", note: "Note", sms: "SMS" } as const satisfies Record<(typeof INTERACTION_TYPES)[number], string>;
export const INTERACTION_DIRECTIONS = ["outbound", "inbound"] as const;

const optionalMinutes = (label: string) =>
  z.preprocess((v) => (v === "" || v == null ? null : v), z.coerce.number({ message: `${label} must be a number of minutes` }).int(`${label} must be whole minutes`).min(0, `${label} cannot be negative`).max(24 * 60, `${label} is at most 24 hours`).nullable()).optional();

/** The record(s) an interaction is on; at least one. */
export const interactionSubjectSchema = z.object({
  leadId: optionalUuid,
  contactId: optionalUuid,
  companyId: optionalUuid,
  opportunityId: optionalUuid,
});

export const logInteractionSchema = interactionSubjectSchema.extend({
  type: z.enum(INTERACTION_TYPES, { message: "Choose call, email, meeting, note or SMS" }),
  direction: z.enum(INTERACTION_DIRECTIONS, { message: "Choose outbound or inbound" }).default("outbound"),
  subject: optionalText(255, "Subject"),
  content: optionalText(20_000, "Notes"),
  summary: optionalText(2_000, "Summary"),
  outcome: optionalText(255, "Outcome"),
  callDurationMinutes: optionalMinutes("Call duration"),
  callRecordingUrl: optionalUrl,
  callTranscript: optionalText(100_000, "Transcript"),
  emailOpened: z.boolean().default(false),
  emailClicked: z.boolean().default(false),
  meetingDate: optionalDateTime,
  meetingDuration: optionalMinutes("Meeting length"),
  meetingLocation: optionalText(255, "Location"),
  /** Comma- or newline-separated names or emails. */
  meetingAttendees: optionalText(2_000, "Attendees"),
  /** In the future: a planned interaction, not yet done. */
  scheduledFor: optionalDateTime,
}).refine((v) => v.leadId || v.contactId || v.companyId || v.opportunityId, { message: "Say which record this is about", path: ["leadId"] })
  .refine((v) => v.type !== "note" || v.content || v.summary, { message: "Write the note", path: ["content"] })
  .refine((v) => v.type !== "email" || v.subject || v.content, { message: "Give the email a subject or body", path: ["subject"] });
export type LogInteractionInput = z.input<typeof logInteractionSchema>;

export const interactionIdSchema = z.object({ id: z.uuid("Unknown interaction") });
export const completeInteractionSchema = z.object({ id: z.uuid("Unknown interaction"), outcome: optionalText(255, "Outcome") });

export const listInteractionsSchema = interactionSubjectSchema.extend({
  type: z.enum(INTERACTION_TYPES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

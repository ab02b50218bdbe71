import { z } from "zod";
import { optionalDateTime, optionalText, optionalUrl, optionalUuid } from "@/lib/form-fields";
import { optionalIsoDay } from "@/lib/iso-day";
import { pageSchema } from "@/lib/pagination";

export const INTERACTION_TYPES = ["call", "email", "meeting", "note", "sms"] as const;
export const INTERACTION_TYPE_LABELS = { call: "Call", email: "Email", meeting: "Meeting", note: "Note", sms: "SMS" } as const satisfies Record<(typeof INTERACTION_TYPES)[number], string>;
export const INTERACTION_DIRECTIONS = ["outbound", "inbound"] as const;
export const INTERACTION_SENTIMENTS = ["positive", "neutral", "negative"] as const;
/**
 * Where an interaction stands: planned (scheduled for later, not done), overdue (its time has
 * passed and nobody marked it done) or done. "Overdue" keeps planned-and-missed ones findable.
 */
export const INTERACTION_STATES = ["planned", "overdue", "done"] as const;
export type InteractionState = (typeof INTERACTION_STATES)[number];
export const INTERACTION_STATE_LABELS = { planned: "Planned", overdue: "Overdue", done: "Done" } as const satisfies Record<InteractionState, string>;

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

export const INTERACTION_SORTS = ["occurredAt", "type", "subject"] as const;
/** The Activities list: every interaction in the organization, filtered, sorted and paged. */
export const browseInteractionsSchema = z.object({
  ...pageSchema,
  sort: z.enum(INTERACTION_SORTS).default("occurredAt"),
  dir: z.enum(["asc", "desc"]).default("desc"),
  type: z.enum(INTERACTION_TYPES).optional(),
  direction: z.enum(INTERACTION_DIRECTIONS).optional(),
  status: z.enum(INTERACTION_STATES).optional(),
  /** Who logged it: "me" or a member's id. */
  initiatedBy: z.union([z.literal("me"), z.uuid("Choose a person from the list")]).optional(),
  sentiment: z.enum(INTERACTION_SENTIMENTS).optional(),
  /** First and last day (UTC, both inclusive) it happened or is planned for. */
  from: optionalIsoDay("From"),
  to: optionalIsoDay("To"),
  /** Words in the subject or summary. */
  search: z.string().trim().max(200).optional(),
}).refine((q) => !q.from || !q.to || q.from <= q.to, { message: "From must be on or before To", path: ["from"] });
export type BrowseInteractionsQuery = z.output<typeof browseInteractionsSchema>;

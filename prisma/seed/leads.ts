// Demo leads (one per prospect company), their calls, emails and meetings, and follow-up
// tasks, written through the services so scores, contact history and timelines are real.
import { logInteractionSchema } from "../../src/features/interactions/interactions.schema";
import { logInteraction } from "../../src/features/interactions/interactions.service";
import { leadFieldsSchema } from "../../src/features/leads/leads.schema";
import { createLead } from "../../src/features/leads/leads.service";
import { taskFieldsSchema } from "../../src/features/tasks/tasks.schema";
import { createTask } from "../../src/features/tasks/tasks.service";
import type { OrgScope } from "../../src/server/api/scope";
import { seededRandom } from "./random";

const STATUSES = ["new", "new", "contacted", "contacted", "qualified", "nurturing", "unqualified", "lost"] as const;
const SOURCES = ["website", "referral", "cold_call", "email_campaign", "social_media", "trade_show", "partner", "advertising"] as const;
const NURTURE = ["new", "hot", "warm", "warm", "cold"] as const;
const TAGS = ["Enterprise", "SMB", "Inbound", "Expansion", "Decision maker", "Budget approved", "Q1 target"];
const CALL_NOTES = [
  "Great conversation, they love the roadmap and want a demo next week.",
  "Interested but the budget is tight this quarter; follow up in a month.",
  "Left a voicemail, no answer.",
  "They are frustrated with their current vendor and excited to switch.",
  "Not happy with our pricing; worried about the migration effort.",
  "Quick check-in, confirmed the decision maker and the timeline.",
];
const EMAIL_SUBJECTS = ["Intro: how teams like yours use Parley", "Following up on our call", "Pricing and next steps", "Case study you asked for"];
const TASK_TITLES = ["Call back about pricing", "Send the case study", "Book a demo", "Confirm budget owner", "Share the security questionnaire", "Prepare the proposal"];
const TIMEZONES = ["America/New_York", "America/Chicago", "America/Los_Angeles", "Europe/London", "Europe/Berlin"];

export async function seedLeads(scope: OrgScope, company: { id: string }, sellers: string[], index: number) {
  const rnd = seededRandom(9000 + index);
  const status = rnd.pick(STATUSES);
  const assignedTo = rnd.pick(sellers);
  const lead = await createLead(scope, leadFieldsSchema.parse({
    companyId: company.id, status, source: rnd.pick(SOURCES), nurtureStatus: rnd.pick(NURTURE), assignedTo,
    preferredContactMethod: rnd.pick(["email", "phone", "phone", "sms"]), bestCallTime: rnd.pick(["Mornings", "After 2pm", "Tuesdays and Thursdays", ""]),
    timezone: rnd.pick(TIMEZONES), lostReason: status === "lost" ? rnd.pick(["No budget", "Went with a competitor", "No response"]) : "",
    tags: TAGS.filter(() => rnd.chance(0.18)),
  }));
  const touches = status === "new" ? rnd.int(0, 1) : rnd.int(1, 5);
  for (let t = 0; t < touches; t++) {
    const type = rnd.pick(["call", "call", "email", "email", "meeting", "note", "sms"] as const);
    await logInteraction(scope, logInteractionSchema.parse({
      leadId: lead.id, type, direction: type === "note" ? "outbound" : rnd.chance(0.3) ? "inbound" : "outbound",
      subject: type === "email" ? rnd.pick(EMAIL_SUBJECTS) : type === "call" ? "Call" : type === "meeting" ? "Discovery meeting" : undefined,
      content: rnd.pick(CALL_NOTES), callDurationMinutes: type === "call" ? rnd.int(1, 40) : undefined,
      meetingLocation: type === "meeting" ? rnd.pick(["Zoom", "Their office", "Google Meet"]) : undefined,
      meetingDuration: type === "meeting" ? rnd.pick([30, 45, 60]) : undefined,
      emailOpened: type === "email" && rnd.chance(0.6), emailClicked: type === "email" && rnd.chance(0.25),
    }));
  }
  if (rnd.chance(0.45)) {
    const due = new Date(Date.now() + rnd.int(-10, 21) * 86_400_000).toISOString().slice(0, 10);
    await createTask(scope, taskFieldsSchema.parse({
      title: rnd.pick(TASK_TITLES), leadId: lead.id, assignedTo, dueDate: due, priority: rnd.pick(["low", "normal", "normal", "high", "urgent"]),
      category: rnd.pick(["follow_up", "call", "email", "demo"]),
    }));
  }
}

/** Spreads interactions over the past year, credited to each lead's rep (rescore afterwards). */
export async function backdateInteractions(scope: OrgScope) {
  await scope.tx.$executeRaw`SELECT setseed(0.42)`;
  await scope.tx.$executeRaw`
    UPDATE interactions SET occurred_at = now() - make_interval(days => (random() * 300)::int, hours => (random() * 9)::int),
      completed_at = NULL WHERE completed_at IS NOT NULL`;
  await scope.tx.$executeRaw`UPDATE interactions SET completed_at = occurred_at WHERE completed_at IS NULL AND scheduled_for IS NULL`;
  // Each lead's rep made its calls (the seed wrote them all as the owner).
  await scope.tx.$executeRaw`
    UPDATE interactions i SET initiated_by = l.assigned_to, participated_users = ARRAY[l.assigned_to]
    FROM leads l WHERE i.lead_id = l.id AND l.assigned_to IS NOT NULL`;
  await scope.tx.$executeRaw`
    UPDATE timeline_events t SET actor_id = i.initiated_by, occurred_at = i.occurred_at
    FROM interactions i WHERE t.metadata->>'interactionId' = i.id::text`;
  await scope.tx.$executeRaw`
    UPDATE leads l SET first_contact_at = f.first_at, last_contact_at = f.last_at
    FROM (SELECT lead_id, min(occurred_at) AS first_at, max(occurred_at) AS last_at FROM interactions WHERE lead_id IS NOT NULL GROUP BY lead_id) f
    WHERE l.id = f.lead_id`;
}

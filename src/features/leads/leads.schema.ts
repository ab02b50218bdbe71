import { z } from "zod";
import { optionalDate, optionalMoney, optionalText, optionalUuid, currencySchema } from "@/lib/form-fields";
import { pageSchema } from "@/lib/pagination";

export const LEAD_STATUSES = ["new", "contacted", "qualified", "unqualified", "nurturing", "converted", "lost"] as const;
export const LEAD_SOURCES = ["website", "referral", "cold_call", "email_campaign", "social_media", "trade_show", "partner", "advertising", "ai_call", "import", "other"] as const;
export const NURTURE_STATUSES = ["new", "hot", "warm", "cold"] as const;
export const CONTACT_METHODS = ["email", "phone", "sms", "in_person"] as const;
/** Statuses a person sets by hand; "converted" only comes from converting the lead. */
export const EDITABLE_LEAD_STATUSES = LEAD_STATUSES.filter((s) => s !== "converted");

const TIME_ZONES = new Set(Intl.supportedValuesOf("timeZone"));

const tagName = z.string().trim().min(1).max(50, "A tag has at most 50 characters");

export const leadFieldsSchema = z.object({
  /** An existing company, or… */
  companyId: optionalUuid,
  /** …the name of a new one to create with the lead. */
  companyName: optionalText(255, "Company name"),
  contactId: optionalUuid,
  status: z.enum(EDITABLE_LEAD_STATUSES, { message: "Choose a status" }).default("new"),
  source: z.enum(LEAD_SOURCES, { message: "Choose a source" }).default("other"),
  sourceDetail: optionalText(500, "Source details"),
  nurtureStatus: z.enum(NURTURE_STATUSES, { message: "Choose new, hot, warm or cold" }).default("new"),
  assignedTo: optionalUuid,
  preferredContactMethod: z.preprocess((v) => (v === "" ? null : v), z.enum(CONTACT_METHODS, { message: "Choose email, phone, SMS or in person" }).nullable()).optional(),
  bestCallTime: optionalText(100, "Best time to call"),
  timezone: z.preprocess((v) => (v === "" ? null : v), z.string().refine((tz) => TIME_ZONES.has(tz), "Choose a time zone from the list").nullable()).optional(),
  lostReason: optionalText(500, "Lost reason"),
  tags: z.array(tagName).max(20, "Use at most 20 tags").default([]),
})
  .refine((v) => v.companyId || v.companyName, { message: "Choose a company or enter a new company's name", path: ["companyName"] })
  .refine((v) => v.status !== "lost" || v.lostReason, { message: "Say why the lead was lost", path: ["lostReason"] });
export type LeadFormInput = z.input<typeof leadFieldsSchema>;

export const leadIdSchema = z.object({ id: z.uuid("Unknown lead") });
export const updateLeadSchema = z.object({ id: z.uuid("Unknown lead"), values: leadFieldsSchema });

export const LEAD_SORTS = ["companyName", "leadScore", "status", "lastContactAt", "createdAt"] as const;

export const listLeadsSchema = z.object({
  ...pageSchema,
  sort: z.enum(LEAD_SORTS).default("leadScore"),
  dir: z.enum(["asc", "desc"]).default("desc"),
  search: z.string().trim().max(200).optional(),
  status: z.enum(LEAD_STATUSES).optional(),
  source: z.enum(LEAD_SOURCES).optional(),
  nurture: z.enum(NURTURE_STATUSES).optional(),
  /** A member's id, or "me" for the signed-in person, or "none" for unassigned leads. */
  assignee: z.union([z.literal("me"), z.literal("none"), z.uuid()]).optional(),
  tag: z.string().trim().max(50).optional(),
  minScore: z.coerce.number().int().min(0).max(100).optional(),
});

export const convertLeadSchema = z.object({
  id: z.uuid("Unknown lead"),
  pipelineId: z.uuid("Choose a pipeline"),
  stageId: optionalUuid,
  name: z.string().trim().min(1, "Name the deal").max(255, "That name is too long"),
  value: optionalMoney("Value").transform((v) => v ?? "0"),
  currency: currencySchema,
  expectedCloseDate: optionalDate,
  ownerId: optionalUuid,
});
export type ConvertLeadInput = z.input<typeof convertLeadSchema>;

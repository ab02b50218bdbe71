// Proposals: the one zod source for the editor form and the procedures, the lifecycle and its
// transitions, templates and approvals.
import { z } from "zod";
import { optionalDate, optionalText } from "@/lib/form-fields";
import { pageSchema } from "@/lib/pagination";

/** Stored statuses (the database enum). */
export const STORED_PROPOSAL_STATUSES = ["draft", "pending_approval", "approved", "sent", "viewed", "accepted", "rejected"] as const;
export type StoredProposalStatus = (typeof STORED_PROPOSAL_STATUSES)[number];
/** What people see: "expired" is computed when read (past valid_until and not yet answered). */
export const PROPOSAL_STATUSES = [...STORED_PROPOSAL_STATUSES, "expired"] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];
export const PROPOSAL_STATUS_LABELS: Record<ProposalStatus, string> = {
  draft: "Draft", pending_approval: "Pending approval", approved: "Approved", sent: "Sent", viewed: "Viewed",
  accepted: "Accepted", rejected: "Rejected", expired: "Expired",
};

/** Statuses that can still expire: the customer has not answered yet. */
export const OPEN_STATUSES: readonly StoredProposalStatus[] = ["draft", "pending_approval", "approved", "sent", "viewed"];

/** The status a proposal shows on `today` (YYYY-MM-DD): past its valid-until date, an open one is expired. */
export function effectiveStatus(status: StoredProposalStatus, validUntil: string | null, today: string): ProposalStatus {
  return validUntil !== null && validUntil < today && OPEN_STATUSES.includes(status) ? "expired" : status;
}

/** Every allowed move; anything else is refused with CONFLICT. "expired" moves nowhere but to a new version. */
export const TRANSITIONS: Record<ProposalStatus, readonly StoredProposalStatus[]> = {
  draft: ["pending_approval", "sent"],
  pending_approval: ["approved", "draft"],
  approved: ["sent", "draft"],
  sent: ["viewed", "accepted", "rejected"],
  viewed: ["accepted", "rejected"],
  accepted: [],
  rejected: [],
  expired: [],
};
export const canTransition = (from: ProposalStatus, to: StoredProposalStatus) => TRANSITIONS[from].includes(to);

/** Statuses edited in place; editing any later one makes a new version. */
export const EDITABLE_IN_PLACE: readonly ProposalStatus[] = ["draft", "approved"];

/** A decimal string with bounded places, as typed (commas and spaces dropped). */
const decimalText = (label: string, { places, max, positive = false }: { places: number; max: string; positive?: boolean }) =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.replace(/[,\s]/g, "") : typeof v === "number" ? String(v) : v),
    z.string({ message: `Enter the ${label.toLowerCase()}` })
      .regex(new RegExp(`^\\d{1,13}(\\.\\d{1,${places}})?$`), `${label} must be a number with at most ${places} decimals`)
      .refine((s) => Number(s) <= Number(max), `${label} is at most ${max}`)
      .refine((s) => !positive || Number(s) > 0, `${label} must be more than 0`),
  );

const blankToNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);

export const lineItemSchema = z.object({
  productId: z.preprocess(blankToNull, z.uuid("Choose a product from the catalog").nullable()).optional(),
  description: z.string({ message: "Describe the line" }).trim().min(1, "Describe the line").max(2000, "That description is too long"),
  quantity: decimalText("Quantity", { places: 4, max: "99999999", positive: true }),
  unitPrice: decimalText("Unit price", { places: 2, max: "9999999999999.99" }),
  discountPercent: decimalText("Discount", { places: 2, max: "100" }).default("0"),
  taxRate: decimalText("Tax rate", { places: 3, max: "100" }).default("0"),
});
export type LineItemInput = z.input<typeof lineItemSchema>;

export const customSectionSchema = z.object({
  title: z.string({ message: "Name the section" }).trim().min(1, "Name the section").max(200, "That section title is too long"),
  body: z.string().trim().max(20_000, "That section is too long").default(""),
});
export type CustomSection = z.output<typeof customSectionSchema>;

const sectionText = (label: string) => optionalText(20_000, label);

/** The sections a proposal and a template share. */
const sections = {
  executiveSummary: sectionText("The executive summary"),
  scopeOfWork: sectionText("The scope of work"),
  termsAndConditions: sectionText("The terms and conditions"),
  customSections: z.array(customSectionSchema).max(20, "At most 20 custom sections").default([]),
};

/** What the editor edits: the same schema checks the form and the procedure. */
export const proposalFieldsSchema = z.object({
  title: z.string({ message: "Give the proposal a title" }).trim().min(1, "Give the proposal a title").max(255, "That title is too long"),
  validUntil: optionalDate,
  ...sections,
  lines: z.array(lineItemSchema).max(200, "At most 200 lines").default([]),
});
export type ProposalFormInput = z.input<typeof proposalFieldsSchema>;

export const createProposalSchema = proposalFieldsSchema.extend({
  opportunityId: z.uuid("Choose a deal"),
  /** Blank sections are filled from the template. */
  templateId: z.preprocess(blankToNull, z.uuid("Choose a template").nullable()).optional(),
});

export const proposalIdSchema = z.object({ id: z.uuid("Unknown proposal") });
export const updateProposalSchema = z.object({ id: z.uuid("Unknown proposal"), values: proposalFieldsSchema });

export const PROPOSAL_SORTS = ["createdAt", "proposalNumber", "title", "totalAmount", "validUntil"] as const;
export const listProposalsSchema = z.object({
  ...pageSchema,
  sort: z.enum(PROPOSAL_SORTS).default("createdAt"),
  dir: z.enum(["asc", "desc"]).default("desc"),
  status: z.enum(PROPOSAL_STATUSES).optional(),
  ownerId: z.preprocess(blankToNull, z.uuid().nullable()).optional(),
  opportunityId: z.preprocess(blankToNull, z.uuid().nullable()).optional(),
  search: z.string().trim().max(200).optional(),
  /** Only proposals no contract was made from yet (where a new contract can start). */
  withoutContract: z.preprocess((v) => v === "true" || v === true, z.boolean()).optional(),
});

export const APPROVAL_PRIORITIES = ["low", "normal", "high", "critical"] as const;
export const submitForApprovalSchema = z.object({
  id: z.uuid("Unknown proposal"),
  approverId: z.preprocess(blankToNull, z.uuid("Choose an approver").nullable()).optional(),
  priority: z.enum(APPROVAL_PRIORITIES).default("normal"),
  note: optionalText(2000, "The note"),
});

/** The client's email; left out (or blank), the deal's contact's email. */
export const sendProposalSchema = z.object({
  id: z.uuid("Unknown proposal"),
  sentToEmail: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z.string({ message: "Enter the recipient's email" }).trim().toLowerCase().max(320, "That email is too long").pipe(z.email("Enter a valid email address")).optional(),
  ),
});

// ------------------------------------------------------------------ the client's answer on the public page

/** A link's token as it arrives in a URL or a form: anything else is simply "not a link". */
export const proposalTokenSchema = z.string({ message: "This link is not valid" }).trim().min(20, "This link is not valid").max(200, "This link is not valid").regex(/^[A-Za-z0-9_-]+$/, "This link is not valid");

export const acceptPublicProposalSchema = z.object({
  token: proposalTokenSchema,
  fullName: z.string({ message: "Type your full name to accept" }).trim().min(2, "Type your full name to accept").max(200, "Use at most 200 characters for your name"),
});

export const rejectPublicProposalSchema = z.object({
  token: proposalTokenSchema,
  reason: z.string({ message: "Tell us why you decline" }).trim().min(1, "Tell us why you decline").max(2000, "Use at most 2000 characters for the reason"),
});

export const rejectProposalSchema = z.object({ id: z.uuid("Unknown proposal"), reason: optionalText(2000, "The reason") });

export const APPROVAL_STATUSES = ["pending", "approved", "rejected", "completed"] as const;
export const listApprovalsSchema = z.object({
  ...pageSchema,
  status: z.enum(APPROVAL_STATUSES).default("pending"),
  /** Only requests assigned to me (the default), or every request in the organization. */
  scope: z.enum(["mine", "all"]).default("mine"),
});
export const resolveApprovalSchema = z.object({
  id: z.uuid("Unknown approval request"),
  comment: optionalText(2000, "The comment"),
});

export const approvalThresholdSchema = z.object({
  thresholdPercent: decimalText("Threshold", { places: 2, max: "100" }),
});

export const templateFieldsSchema = z.object({
  name: z.string({ message: "Name the template" }).trim().min(1, "Name the template").max(255, "That name is too long"),
  description: optionalText(2000, "The description"),
  validForDays: z.coerce.number({ message: "Valid for must be a number of days" }).int("Valid for must be whole days").min(1, "Valid for at least 1 day").max(365, "Valid for at most 365 days").default(30),
  ...sections,
});
export type TemplateFormInput = z.input<typeof templateFieldsSchema>;
export const templateIdSchema = z.object({ id: z.uuid("Unknown template") });
export const updateTemplateSchema = z.object({ id: z.uuid("Unknown template"), values: templateFieldsSchema });

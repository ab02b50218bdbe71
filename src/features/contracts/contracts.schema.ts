// Contracts: the one zod source for the contract form and the procedures, the lifecycle,
// signatures and the lists.
import { z } from "zod";
import { currencySchema, optionalText } from "@/lib/form-fields";
import { isRealDay } from "@/lib/iso-day";
import { pageSchema } from "@/lib/pagination";
import { scheduleShortfall } from "./payment-schedule";

export const CONTRACT_STATUSES = ["draft", "pending_signature", "active", "expired", "terminated", "renewed"] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];
export const CONTRACT_STATUS_LABELS: Record<ContractStatus, string> = {
  draft: "Draft", pending_signature: "Pending signature", active: "Active", expired: "Expired", terminated: "Terminated", renewed: "Renewed",
};

export const CONTRACT_TYPES = ["subscription", "services", "license", "maintenance", "retainer", "other"] as const;
export const CONTRACT_TYPE_LABELS: Record<(typeof CONTRACT_TYPES)[number], string> = {
  subscription: "Subscription", services: "Services", license: "License", maintenance: "Maintenance", retainer: "Retainer", other: "Other",
};

const blankToNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);
const moneyText = (label: string) => z.preprocess(
  (v) => (typeof v === "string" ? v.replace(/[,\s]/g, "") : typeof v === "number" ? String(v) : v),
  z.string({ message: `Enter the ${label.toLowerCase()}` }).regex(/^\d{1,13}(\.\d{1,2})?$/, `${label} must be an amount like 12500 or 99.50`),
);
const day = (label: string) => z.string({ message: `Enter the ${label.toLowerCase()}` })
  .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}: use a date like 2026-01-31`)
  .refine(isRealDay, `${label}: that date does not exist`);

export const instalmentSchema = z.object({
  dueDate: day("Due date"),
  amount: moneyText("Amount").transform(normalizeAmount),
  description: z.string().trim().max(200, "Keep the description under 200 characters").default(""),
});

/** "12500" → "12500.00", "99.5" → "99.50" (string arithmetic, never a float). */
function normalizeAmount(a: string): string {
  const [whole, frac = ""] = a.split(".");
  return `${whole!.replace(/^0+(?=\d)/, "")}.${frac.padEnd(2, "0")}`;
}

/** What the contract form edits: the same schema checks the form and the procedure. */
export const contractFieldsSchema = z.object({
  title: z.string({ message: "Give the contract a title" }).trim().min(1, "Give the contract a title").max(255, "That title is too long"),
  type: z.enum(CONTRACT_TYPES, { message: "Choose the contract type" }).default("services"),
  startDate: day("Start date"),
  // Strict like the start date: 2026-02-31 is refused, not rolled over into March.
  endDate: z.preprocess(blankToNull, day("End date").nullable()).optional(),
  autoRenew: z.boolean().default(false),
  renewalTerms: optionalText(5000, "The renewal terms"),
  currency: currencySchema,
  totalValue: moneyText("Total value").transform(normalizeAmount),
  paymentTerms: optionalText(255, "The payment terms"),
  paymentSchedule: z.array(instalmentSchema).min(1, "Add at least one instalment").max(120, "At most 120 instalments"),
  body: optionalText(100_000, "The contract terms"),
  clientSignatureRequired: z.boolean().default(true),
}).superRefine((c, ctx) => {
  if (c.endDate && c.endDate <= c.startDate) ctx.addIssue({ code: "custom", path: ["endDate"], message: "The end date must be after the start date" });
  if (c.autoRenew && !c.endDate) ctx.addIssue({ code: "custom", path: ["endDate"], message: "An auto-renewing contract needs an end date" });
  const off = scheduleShortfall(c.totalValue, c.paymentSchedule);
  if (off !== "0.00") {
    const [sign, amount] = off.startsWith("-") ? ["over", off.slice(1)] : ["short of", off];
    ctx.addIssue({ code: "custom", path: ["paymentSchedule"], message: `The instalments are ${amount} ${sign} the total value (${c.totalValue}): they must add up to it exactly` });
  }
});
export type ContractFormInput = z.input<typeof contractFieldsSchema>;
export type ContractFields = z.output<typeof contractFieldsSchema>;

export const createContractSchema = z.object({
  opportunityId: z.uuid("Choose a deal"),
  /** The accepted proposal it comes from, if any. */
  proposalId: z.preprocess(blankToNull, z.uuid("Unknown proposal").nullable()).optional(),
  values: contractFieldsSchema,
});

export const contractIdSchema = z.object({ id: z.uuid("Unknown contract") });
export const updateContractSchema = z.object({ id: z.uuid("Unknown contract"), values: contractFieldsSchema });

/** Where a new contract's form starts: an accepted proposal, or a deal. */
export const contractDefaultsSchema = z.object({
  proposalId: z.uuid("Unknown proposal").optional(),
  opportunityId: z.uuid("Choose a deal").optional(),
}).refine((v) => v.proposalId || v.opportunityId, { message: "Choose an accepted proposal or a deal", path: ["opportunityId"] });

export const sendForSignatureSchema = z.object({
  id: z.uuid("Unknown contract"),
  sentToEmail: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z.string({ message: "Enter the signer's email" }).trim().toLowerCase().max(320, "That email is too long").pipe(z.email("Enter a valid email address")).optional(),
  ),
});

export const terminateContractSchema = z.object({
  id: z.uuid("Unknown contract"),
  reason: z.string({ message: "Say why the contract ends" }).trim().min(1, "Say why the contract ends").max(2000, "Use at most 2000 characters"),
});

// ------------------------------------------------------------------ signatures

/** A drawn signature: a PNG data URL from the signature pad, at most 256 KB decoded. */
export const MAX_SIGNATURE_BYTES = 262_144;
/** "data:image/png;base64," and the base64 of PNG's 8-byte signature. */
const PNG_DATA_URL = "data:image/png;base64,iVBORw0KGgo";
const drawnImage = z.string({ message: "Draw your signature" })
  .refine((s) => s.startsWith(PNG_DATA_URL) && /^[A-Za-z0-9+/]+={0,2}$/.test(s.slice(PNG_DATA_URL.length - 11)), "Draw your signature")
  .refine((s) => ((s.length - PNG_DATA_URL.length + 11) * 3) / 4 <= MAX_SIGNATURE_BYTES, "That signature image is too large");

/** The PNG bytes of a drawn signature the schema accepted. */
export const signatureImageBytes = (dataUrl: string) => Buffer.from(dataUrl.slice(dataUrl.indexOf(",") + 1), "base64");

export const signatureSchema = z.discriminatedUnion("method", [
  z.object({ method: z.literal("typed"), image: z.undefined().optional() }),
  z.object({ method: z.literal("drawn"), image: drawnImage }),
], { message: "Choose to type or draw your signature" });

const signerName = z.string({ message: "Type your full name to sign" }).trim().min(2, "Type your full name to sign").max(200, "Use at most 200 characters for your name");
const consent = z.literal(true, { message: "Tick the box to agree to sign electronically" });

/** A link's token as it arrives in a URL or a form: anything else is simply "not a link". */
export const contractTokenSchema = z.string({ message: "This link is not valid" }).trim().min(20, "This link is not valid").max(200, "This link is not valid").regex(/^[A-Za-z0-9_-]+$/, "This link is not valid");

export const clientSignSchema = z.object({
  token: contractTokenSchema,
  fullName: signerName,
  email: z.preprocess(blankToNull, z.string().trim().toLowerCase().max(320, "That email is too long").pipe(z.email("Enter a valid email address")).nullable()).optional(),
  agree: consent,
  signature: signatureSchema,
});

export const countersignSchema = z.object({
  id: z.uuid("Unknown contract"),
  fullName: signerName,
  agree: consent,
  signature: signatureSchema,
});

// ------------------------------------------------------------------ lists

export const CONTRACT_SORTS = ["createdAt", "contractNumber", "title", "totalValue", "startDate", "endDate"] as const;
export const listContractsSchema = z.object({
  ...pageSchema,
  sort: z.enum(CONTRACT_SORTS).default("createdAt"),
  dir: z.enum(["asc", "desc"]).default("desc"),
  status: z.preprocess(blankToNull, z.enum(CONTRACT_STATUSES).nullable()).optional(),
  type: z.preprocess(blankToNull, z.enum(CONTRACT_TYPES).nullable()).optional(),
  ownerId: z.preprocess(blankToNull, z.uuid().nullable()).optional(),
  opportunityId: z.preprocess(blankToNull, z.uuid().nullable()).optional(),
  /** Active contracts ending within this many days. */
  endingWithinDays: z.preprocess(blankToNull, z.coerce.number().int().min(1).max(3650).nullable()).optional(),
  search: z.string().trim().max(200).optional(),
});

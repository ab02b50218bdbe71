import { z } from "zod";

const optionalDate = (label: string) =>
  z.preprocess((v) => (v === "" ? undefined : v), z.iso.date({ message: `${label} must be a date (YYYY-MM-DD)` }).optional());

/** The audit log's filters, as the page's search params and the procedure's input alike. */
export const listAuditLogSchema = z
  .object({
    cursor: z.uuid("Unknown position in the log").optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    userId: z.uuid("Choose a member").optional(),
    /** An exact action (lead.update) or a family of them (lead). */
    action: z.string().trim().max(100).regex(/^[a-z0-9_.:-]*$/i, "Action has letters, digits, dots and dashes only").optional(),
    resourceType: z.string().trim().max(100).optional(),
    from: optionalDate("From"),
    to: optionalDate("To"),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { message: "From must be on or before To", path: ["to"] })
  .default({ limit: 50 });
export type ListAuditLogInput = z.output<typeof listAuditLogSchema>;

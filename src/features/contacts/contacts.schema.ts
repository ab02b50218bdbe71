import { z } from "zod";
import { optionalEmail, optionalPhone, optionalText, optionalUuid } from "@/lib/form-fields";
import { pageSchema } from "@/lib/pagination";

export const CONTACT_TYPES = ["client", "internal", "vendor", "partner"] as const;
export const contactTypeSchema = z.enum(CONTACT_TYPES, { message: "Choose client, internal, vendor or partner" });

export const contactFieldsSchema = z.object({
  firstName: z.string().trim().min(1, "Enter a first name").max(100, "That first name is too long"),
  lastName: z.string().trim().max(100, "That last name is too long").default(""),
  email: optionalEmail,
  phone: optionalPhone,
  title: optionalText(150, "Title"),
  role: optionalText(150, "Role"),
  type: contactTypeSchema.default("client"),
  ownerId: optionalUuid,
  /** The companies this person works with; the first is their primary company. */
  companyIds: z.array(z.uuid("Unknown company")).max(50, "Link at most 50 companies").default([]),
});
export type ContactFormInput = z.input<typeof contactFieldsSchema>;

export const contactIdSchema = z.object({ id: z.uuid("Unknown contact") });
export const updateContactSchema = z.object({ id: z.uuid("Unknown contact"), values: contactFieldsSchema });

export const CONTACT_SORTS = ["fullName", "email", "type", "createdAt", "updatedAt"] as const;

export const listContactsSchema = z.object({
  ...pageSchema,
  sort: z.enum(CONTACT_SORTS).default("fullName"),
  dir: z.enum(["asc", "desc"]).default("asc"),
  search: z.string().trim().max(200).optional(),
  type: contactTypeSchema.optional(),
  companyId: z.uuid().optional(),
});

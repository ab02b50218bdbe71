import { z } from "zod";
import { organizationNameSchema } from "@/features/auth/auth.schema";
import { optionalUrl } from "@/lib/form-fields";
import { RESERVED_SLUGS, SLUG_MAX_LENGTH } from "@/lib/slug";

const TIME_ZONES = new Set(Intl.supportedValuesOf("timeZone").concat("UTC"));
const CURRENCIES = new Set(Intl.supportedValuesOf("currency"));

export const organizationSettingsSchema = z.object({
  name: organizationNameSchema,
  slug: z.string({ message: "Choose the address" }).trim().toLowerCase()
    .min(2, "The address needs at least 2 characters")
    .max(SLUG_MAX_LENGTH, `The address is at most ${SLUG_MAX_LENGTH} characters`)
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "The address has lowercase letters, digits and single dashes, not at either end")
    .refine((s) => !RESERVED_SLUGS.has(s), "That address is reserved by Parley; choose another"),
  logoUrl: optionalUrl,
  timezone: z.string({ message: "Choose a time zone" }).refine((tz) => TIME_ZONES.has(tz), "Choose a time zone from the list"),
  currency: z.string({ message: "Choose a currency" }).trim().toUpperCase().refine((c) => CURRENCIES.has(c), "Choose a currency from the list"),
});
export type OrganizationSettingsInput = z.input<typeof organizationSettingsSchema>;

export const deleteOrganizationSchema = z.object({
  slug: z.string().trim().min(1).max(63),
  confirmName: z.string({ message: "Type the organization's name" }).min(1, "Type the organization's name"),
});

export const organizationExportIdSchema = z.object({ id: z.uuid("Unknown export") });

export const timeZoneOptions = () => [...TIME_ZONES].sort();
export const currencyOptions = () => [...CURRENCIES].sort();

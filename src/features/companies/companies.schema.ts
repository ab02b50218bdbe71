import { z } from "zod";
import {
  currencySchema, optionalCount, optionalDate, optionalEmail, optionalMoney, optionalPhone, optionalText, optionalUrl, optionalUuid,
} from "@/lib/form-fields";
import { pageSchema } from "@/lib/pagination";

export const COMPANY_LIFECYCLES = ["prospect", "customer", "churned"] as const;
export const COMPANY_TIERS = ["standard", "silver", "gold", "platinum"] as const;
export const BUSINESS_TYPES = ["sole_proprietorship", "partnership", "llc", "corporation", "nonprofit", "government", "other"] as const;

export const lifecycleSchema = z.enum(COMPANY_LIFECYCLES, { message: "Choose prospect, customer or churned" });
export const tierSchema = z.enum(COMPANY_TIERS, { message: "Choose a tier from the list" });
export const businessTypeSchema = z.enum(BUSINESS_TYPES, { message: "Choose a business type from the list" });

const optionalEnum = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === "" ? null : v), schema.nullable()).optional();

/** Every editable field of a company, as the form sends it and the procedure accepts it. */
export const companyFieldsSchema = z.object({
  name: z.string().trim().min(1, "Enter the company's name").max(255, "That name is too long"),
  dbaName: optionalText(255, "Trading name"),
  businessType: optionalEnum(businessTypeSchema),
  lifecycle: lifecycleSchema.default("prospect"),
  phase: optionalText(100, "Phase"),
  tier: tierSchema.default("standard"),
  industry: optionalText(100, "Industry"),
  phone: optionalPhone,
  email: optionalEmail,
  website: optionalUrl,
  streetAddress: optionalText(255, "Street address"),
  city: optionalText(100, "City"),
  state: optionalText(100, "State"),
  zipCode: optionalText(20, "ZIP code"),
  country: optionalText(100, "Country"),
  employeeCount: optionalCount("Employees"),
  yearsInBusiness: optionalCount("Years in business"),
  annualRevenue: optionalMoney("Annual revenue"),
  currency: currencySchema,
  externalId: optionalText(255, "External id"),
  linkedinUrl: optionalUrl,
  facebookUrl: optionalUrl,
  instagramUrl: optionalUrl,
  logoUrl: optionalUrl,
  onboardedDate: optionalDate,
  contractStartDate: optionalDate,
  contractEndDate: optionalDate,
  ownerId: optionalUuid,
  isActive: z.boolean().default(true),
}).refine((c) => !c.contractStartDate || !c.contractEndDate || c.contractEndDate >= c.contractStartDate, {
  message: "The contract cannot end before it starts",
  path: ["contractEndDate"],
});
export type CompanyFormInput = z.input<typeof companyFieldsSchema>;

export const createCompanySchema = companyFieldsSchema;
export const updateCompanySchema = z.object({ id: z.uuid("Unknown company"), values: companyFieldsSchema });
export const companyIdSchema = z.object({ id: z.uuid("Unknown company") });

export const COMPANY_SORTS = ["name", "lifecycle", "tier", "annualRevenue", "createdAt", "updatedAt"] as const;

export const listCompaniesSchema = z.object({
  ...pageSchema,
  sort: z.enum(COMPANY_SORTS).default("name"),
  dir: z.enum(["asc", "desc"]).default("asc"),
  search: z.string().trim().max(200).optional(),
  lifecycle: lifecycleSchema.optional(),
  tier: tierSchema.optional(),
  industry: z.string().trim().max(100).optional(),
  ownerId: z.uuid().optional(),
  active: z.enum(["yes", "no"]).optional(),
});
export type ListCompaniesInput = z.input<typeof listCompaniesSchema>;

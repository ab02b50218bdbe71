import { z } from "zod";
import { currencySchema, optionalText } from "@/lib/form-fields";
import { pageSchema } from "@/lib/pagination";

export const BILLING_TYPES = ["one_time", "monthly", "yearly"] as const;
export const BILLING_TYPE_LABELS: Record<(typeof BILLING_TYPES)[number], string> = { one_time: "One-time", monthly: "Monthly", yearly: "Yearly" };

/** A decimal string with a bounded number of places, as typed (commas and spaces dropped). */
const decimalText = (label: string, { places, max }: { places: number; max: string }) =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.replace(/[,\s]/g, "") : typeof v === "number" ? String(v) : v),
    z.string({ message: `Enter the ${label.toLowerCase()}` })
      .regex(new RegExp(`^\\d{1,13}(\\.\\d{1,${places}})?$`), `${label} must be a number with at most ${places} decimals`)
      .refine((s) => Number(s) <= Number(max), `${label} is at most ${max}`),
  );

export const productFieldsSchema = z.object({
  name: z.string({ message: "Name the product" }).trim().min(1, "Name the product").max(255, "That name is too long"),
  sku: optionalText(100, "SKU"),
  description: optionalText(5000, "Description"),
  unitPrice: decimalText("Unit price", { places: 2, max: "9999999999999.99" }),
  currency: currencySchema,
  billingType: z.enum(BILLING_TYPES, { message: "Choose one-time, monthly or yearly" }).default("one_time"),
  taxRate: decimalText("Tax rate", { places: 3, max: "100" }).default("0"),
  isActive: z.preprocess((v) => (v === "false" || v === "off" ? false : v === "true" || v === "on" ? true : v), z.boolean()).default(true),
});
export type ProductFormInput = z.input<typeof productFieldsSchema>;

export const productIdSchema = z.object({ id: z.uuid("Unknown product") });
export const updateProductSchema = z.object({ id: z.uuid("Unknown product"), values: productFieldsSchema });

export const PRODUCT_SORTS = ["name", "sku", "unitPrice", "createdAt"] as const;
export const listProductsSchema = z.object({
  ...pageSchema,
  sort: z.enum(PRODUCT_SORTS).default("name"),
  dir: z.enum(["asc", "desc"]).default("asc"),
  search: z.string().trim().max(200).optional(),
  billingType: z.enum(BILLING_TYPES).optional(),
  /** active (the default), inactive or all. */
  state: z.enum(["active", "inactive", "all"]).default("active"),
});

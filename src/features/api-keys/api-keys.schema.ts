import { z } from "zod";
import { ACTIONS, RESOURCES, type PermissionName } from "@/features/roles/permissions";

const PERMISSION_NAMES = RESOURCES.flatMap((r) => ACTIONS.map((a) => `${r}:${a}` as PermissionName));
export const MAX_KEY_LIFETIME_DAYS = 730;

export const createApiKeySchema = z.object({
  name: z.string({ message: "Name the key" }).trim().min(1, "Name the key").max(255, "Name is at most 255 characters"),
  permissions: z.array(z.enum(PERMISSION_NAMES as [PermissionName, ...PermissionName[]], { message: "Unknown scope" }), { message: "Choose the key's scopes" })
    .min(1, "Choose at least one scope")
    .transform((list) => [...new Set(list)].sort()),
  /** A date (YYYY-MM-DD): the key stops working at the start of that day (UTC). Empty: never. */
  expiresOn: z.preprocess((v) => (v === "" ? undefined : v), z.iso.date({ message: "Expires must be a date" }).optional())
    .refine((d) => !d || new Date(`${d}T00:00:00Z`).getTime() > Date.now(), "Expires must be in the future")
    .refine((d) => !d || new Date(`${d}T00:00:00Z`).getTime() <= Date.now() + MAX_KEY_LIFETIME_DAYS * 86_400_000, `A key can live at most ${MAX_KEY_LIFETIME_DAYS} days`),
});
export type CreateApiKeyInput = z.input<typeof createApiKeySchema>;

export const apiKeyIdSchema = z.object({ id: z.uuid("Unknown API key") });

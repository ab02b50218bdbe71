import { z } from "zod";
import { organizationNameSchema } from "@/features/auth/auth.schema";

export const createOrganizationSchema = z.object({ name: organizationNameSchema });
export type CreateOrganizationInput = z.input<typeof createOrganizationSchema>;

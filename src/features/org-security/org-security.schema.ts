import { z } from "zod";

export const updateOrgSecuritySchema = z.object({ requireTwoFactor: z.boolean() });

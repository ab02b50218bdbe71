import { z } from "zod";

export const listAuditLogSchema = z
  .object({
    cursor: z.uuid().optional(),
    limit: z.number().int().min(1).max(100).default(50),
    resourceType: z.string().trim().max(100).optional(),
  })
  .default({ limit: 50 });

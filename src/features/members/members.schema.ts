import { z } from "zod";

export const listMembersSchema = z
  .object({ search: z.string().trim().max(200).optional() })
  .default({});

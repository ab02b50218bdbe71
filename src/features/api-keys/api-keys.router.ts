import { orgProcedure, router } from "@/server/api/trpc";
import { apiKeyIdSchema, createApiKeySchema } from "./api-keys.schema";
import { createApiKey, listApiKeys, revokeApiKey } from "./api-keys.service";

const admin = { permission: { resource: "api_keys", action: "admin" } } as const;

export const apiKeysRouter = router({
  list: orgProcedure.meta({ permission: { resource: "api_keys", action: "read" } }).query(({ ctx }) => listApiKeys(ctx.scope)),
  create: orgProcedure.meta(admin).input(createApiKeySchema).mutation(({ ctx, input }) => createApiKey(ctx.scope, input, ctx.membership.permissions)),
  revoke: orgProcedure.meta(admin).input(apiKeyIdSchema).mutation(({ ctx, input }) => revokeApiKey(ctx.scope, input.id)),
});

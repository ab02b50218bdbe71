import type { z } from "zod";
import { AppError, notFound } from "@/server/api/errors";
import type { OrgScope } from "@/server/api/scope";
import { uuidv7 } from "@/lib/ids";
import { mintApiKey } from "./api-key-token";
import type { createApiKeySchema } from "./api-keys.schema";

const key = (scope: OrgScope, id: string) => ({ organizationId_id: { organizationId: scope.orgId, id } });

export async function listApiKeys(scope: OrgScope) {
  const rows = await scope.tx.apiKey.findMany({
    orderBy: { createdAt: "desc" },
    take: 200,
    select: {
      id: true, name: true, keyPrefix: true, permissions: true, expiresAt: true, lastUsedAt: true, isActive: true, revokedAt: true, createdAt: true,
      creator: { select: { id: true, fullName: true } }, revoker: { select: { fullName: true } },
    },
  });
  const now = new Date();
  return rows.map((r) => ({
    ...r,
    permissions: r.permissions as string[],
    status: !r.isActive || r.revokedAt ? ("revoked" as const) : r.expiresAt && r.expiresAt <= now ? ("expired" as const) : ("active" as const),
  }));
}

/**
 * Creates a key with the given scopes, none beyond what the creator's own role grants. The
 * token is returned once, here, and never again: only its hash is kept.
 */
export async function createApiKey(scope: OrgScope, input: z.output<typeof createApiKeySchema>, granted: readonly string[]) {
  const beyond = input.permissions.filter((p) => !granted.includes(p));
  if (beyond.length) throw new AppError("FORBIDDEN", `Your role cannot grant ${beyond.join(", ")}`, "permissions");
  const id = uuidv7();
  const minted = mintApiKey(id);
  const expiresAt = input.expiresOn ? new Date(`${input.expiresOn}T00:00:00Z`) : null;
  await scope.tx.apiKey.create({
    data: { id, organizationId: scope.orgId, userId: scope.userId, name: input.name, keyPrefix: minted.prefix, keyHash: minted.hash, permissions: input.permissions, expiresAt },
  });
  await scope.audit({ action: "api_key.create", resourceType: "api_key", resourceId: id, newValues: { name: input.name, permissions: input.permissions, expiresAt, prefix: minted.prefix } });
  return { id, token: minted.token, prefix: minted.prefix };
}

export async function revokeApiKey(scope: OrgScope, id: string) {
  const row = await scope.tx.apiKey.findUnique({ where: key(scope, id), select: { id: true, name: true, isActive: true, revokedAt: true } });
  if (!row) throw notFound("API key");
  if (!row.isActive || row.revokedAt) throw new AppError("CONFLICT", "That key is already revoked", "id");
  await scope.tx.apiKey.update({ where: key(scope, id), data: { isActive: false, revokedAt: new Date(), revokedBy: scope.userId } });
  await scope.audit({ action: "api_key.revoke", resourceType: "api_key", resourceId: id, oldValues: { name: row.name, isActive: true }, newValues: { isActive: false } });
  return { id };
}

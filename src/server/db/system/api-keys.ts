// API keys: which organization and permissions a bearer key stands for.
import "server-only";
import { parseApiKey, secretMatches } from "@/features/api-keys/api-key-token";
import { systemDb } from "../client";
import { findMembership, type ResolvedMembership } from "./sessions";

export interface ApiKeyPrincipal {
  keyId: string;
  keyName: string;
  /** Who created the key: the key acts as them, within its scopes. */
  userId: string;
  membership: ResolvedMembership;
}

/**
 * The organization and permissions an API key (prly_<id>_<secret>) authenticates, or why not.
 * Its permissions are its scopes as far as its creator's role still grants them, and it stops
 * working when its creator leaves the organization. Reasons beyond "invalid" are only told to
 * someone holding the right secret.
 */
export async function authenticateApiKey(token: string): Promise<{ ok: true; principal: ApiKeyPrincipal } | { ok: false; reason: string }> {
  const parsed = parseApiKey(token);
  if (!parsed) return { ok: false, reason: "That is not a Parley API key" };
  const row = await systemDb().apiKey.findUnique({
    where: { id: parsed.id },
    select: { id: true, name: true, keyHash: true, permissions: true, isActive: true, revokedAt: true, expiresAt: true, lastUsedAt: true, userId: true, organization: { select: { slug: true, isActive: true } } },
  });
  if (!row || !secretMatches(parsed.secret, row.keyHash) || !row.organization.isActive) return { ok: false, reason: "Invalid API key" };
  if (!row.isActive || row.revokedAt) return { ok: false, reason: "This API key has been revoked" };
  if (row.expiresAt && row.expiresAt <= new Date()) return { ok: false, reason: "This API key has expired" };
  const membership = row.userId ? await findMembership(row.userId, row.organization.slug) : null;
  if (!row.userId || !membership) return { ok: false, reason: "The member who created this API key no longer belongs to the organization" };
  const scopes = new Set(row.permissions as string[]);
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await systemDb().apiKey.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return {
    ok: true,
    principal: {
      keyId: row.id, keyName: row.name, userId: row.userId,
      membership: { ...membership, role: { ...membership.role, name: `API key “${row.name}”` }, permissions: membership.permissions.filter((p) => scopes.has(p)) },
    },
  };
}

// Helpers the system functions share (not exported beyond src/server/db/system/).
import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { newToken, sha256Hex } from "@/lib/tokens";
import type { RequestMeta } from "@/server/request-meta";

export type SystemTx = Prisma.TransactionClient;

export type LinkPurpose = "email_verification" | "email_change" | "password_reset";

export async function issueLinkToken(tx: SystemTx, userId: string, purpose: LinkPurpose | "two_factor_challenge", identifier: string, ttlMs: number): Promise<string> {
  await tx.verificationToken.deleteMany({ where: { userId, purpose, consumedAt: null } });
  const token = newToken();
  await tx.verificationToken.create({
    data: { userId, identifier, purpose, tokenHash: sha256Hex(token), expiresAt: new Date(Date.now() + ttlMs) },
  });
  return token;
}

export async function securityEvent(tx: SystemTx, userId: string, event: string, meta: RequestMeta, details: Record<string, unknown> = {}) {
  await tx.securityEvent.create({ data: { userId, event, ipAddress: meta.ip, userAgent: meta.userAgent, details: details as Prisma.InputJsonObject } });
}

export const canUseAccount = (user: { status: string; deletedAt: Date | null } | null) => !!user && user.status === "active" && !user.deletedAt;

// Organization lifecycle: exports that failed, and deleting an organization with all its data.
import "server-only";
import { LIVE_STATUSES } from "@/server/billing/subscription";
import type { RequestMeta } from "@/server/request-meta";
import { systemDb } from "../client";

/** An export that could not be queued or whose job gave up: said on its row, for the page. */
export async function markExportFailed(organizationId: string, exportId: string, error: string): Promise<void> {
  await systemDb().organizationExport.updateMany({
    where: { id: exportId, organizationId, status: { in: ["queued", "running"] } },
    data: { status: "failed", error: error.slice(0, 2000), finishedAt: new Date() },
  });
}

/** The id of an organization's Stripe subscription while it is live (to end it before deleting). */
export async function findLiveStripeSubscription(organizationId: string): Promise<string | null> {
  const sub = await systemDb().billingSubscription.findFirst({
    where: { organizationId, status: { in: [...LIVE_STATUSES] } },
    select: { stripeSubscriptionId: true },
  });
  return sub?.stripeSubscriptionId ?? null;
}

/**
 * Deletes an organization and, through the foreign keys' cascades, every row of every tenant
 * table. The person who did it keeps a record in their own security log (the organization's
 * audit log goes with it).
 */
export async function deleteOrganizationAndData(organizationId: string, userId: string, meta: RequestMeta): Promise<{ name: string; slug: string }> {
  return systemDb().$transaction(async (tx) => {
    const org = await tx.organization.delete({ where: { id: organizationId }, select: { name: true, slug: true } });
    await tx.securityEvent.create({
      data: { userId, event: "organization.delete", ipAddress: meta.ip, userAgent: meta.userAgent, details: { organizationId, name: org.name, slug: org.slug } },
    });
    return org;
  }, { timeout: 120_000 });
}

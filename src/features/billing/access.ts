// When billing makes an organization read-only: its payment is past due (or Stripe gave up
// collecting it, or paused it), or its subscription has ended. Nothing is ever deleted; every
// change except billing's own is refused until someone pays. Pure, for orgProcedure, the
// layout's banner and the billing page alike.

export type ReadOnlyReason = "past_due" | "unpaid" | "paused" | "canceled";

export interface BillingStanding {
  status: string;
  expiresAt: Date | null;
}

export function readOnlyReason(standing: BillingStanding, billingOn: boolean, now = new Date()): ReadOnlyReason | null {
  if (!billingOn) return null;
  switch (standing.status) {
    case "past_due":
    case "unpaid":
    case "paused":
      return standing.status;
    case "canceled":
      // Canceled at the end of a period that has not ended yet: still the plan they paid for.
      return !standing.expiresAt || standing.expiresAt <= now ? "canceled" : null;
    default:
      return null;
  }
}

const WHY: Record<ReadOnlyReason, string> = {
  past_due: "its latest payment failed",
  unpaid: "its payments failed",
  paused: "its subscription is paused",
  canceled: "its subscription has ended",
};

export const billingPath = (orgSlug: string) => `/${orgSlug}/settings/billing`;

/** The one sentence every refused change and the banner say. */
export function readOnlyMessage(reason: ReadOnlyReason, orgSlug: string): string {
  const fix = reason === "canceled" ? "choose a plan" : "update the payment method";
  return `This organization is read-only because ${WHY[reason]}. Your data is safe. An owner can ${fix} in Billing (${billingPath(orgSlug)}) to make changes again.`;
}

// The rules for applying Stripe's state to an organization, as pure decisions: which
// organization a subscription belongs to, whether a state is stale or may displace the stored
// one, what the rows become, and when the change earns an audit row. No database and no
// network: src/server/db/system/billing.ts loads, locks, asks these, and writes what they say.
import { LIVE_STATUSES, type OrganizationBillingState, type SubscriptionSnapshot } from "./subscription";

/** The organization as the rules need it. */
export interface BillingOrganization {
  id: string;
  stripeCustomerId: string | null;
  subscriptionTier: string;
  subscriptionStatus: string;
}

/** The organization's stored subscription (billing_subscriptions) as the rules need it. */
export interface StoredSubscription {
  stripeSubscriptionId: string;
  status: string;
  tier: string;
  quantity: number;
  cancelAtPeriodEnd: boolean;
  currentPeriodEnd: Date | null;
  /** When the stored state was read from Stripe. */
  syncedAt: Date;
}

/** A rule's "no": nothing is written, and the outcome says why (it is recorded with the event). */
export interface Skip {
  skip: string;
}

export const isLiveStatus = (status: string) => (LIVE_STATUSES as readonly string[]).includes(status);

/**
 * The organization a subscription is applied to: the one Checkout named (the hint), unless it
 * already has another Stripe customer; otherwise the customer's owner. A hinted organization
 * with no customer yet cannot take a customer that another organization already has.
 */
export function organizationForSubscription<O extends Pick<BillingOrganization, "id" | "stripeCustomerId">>(
  customerId: string,
  hinted: O | null,
  customerOwner: O | null,
): { organization: O } | Skip {
  const hintFits = hinted && (!hinted.stripeCustomerId || hinted.stripeCustomerId === customerId);
  const organization = hintFits ? hinted : customerOwner;
  if (!organization) return { skip: `ignored: no organization for customer ${customerId}` };
  if (!organization.stripeCustomerId && customerOwner) return { skip: "ignored: the customer belongs to another organization" };
  return { organization };
}

/** Whether a completed Checkout links its customer to the organization it named. */
export function customerLinkVerdict(
  organization: Pick<BillingOrganization, "stripeCustomerId"> | null,
  customerId: string,
  customerOwner: { id: string } | null,
): { link: true } | Skip {
  if (!organization) return { skip: "ignored: no such organization" };
  if (organization.stripeCustomerId === customerId) return { skip: "customer already linked" };
  if (organization.stripeCustomerId) return { skip: "ignored: the organization has another Stripe customer" };
  if (customerOwner) return { skip: "ignored: the customer belongs to another organization" };
  return { link: true };
}

/**
 * Whether a subscription's state may be applied over the stored one. A state of the same
 * subscription read earlier than the stored one is stale. Another subscription never displaces
 * a live one with a dead one; two live ones: the newer read wins (and is worth a warning).
 */
export function subscriptionVerdict(
  current: Pick<StoredSubscription, "stripeSubscriptionId" | "status" | "syncedAt"> | null,
  snapshot: Pick<SubscriptionSnapshot, "id" | "status">,
  observedAt: Date,
): { apply: true; replacesAnother: boolean; twoLive: boolean } | Skip {
  const same = current?.stripeSubscriptionId === snapshot.id;
  if (current && same && current.syncedAt > observedAt) return { skip: `stale: a newer state of ${snapshot.id} is applied` };
  const displacesLive = !!current && !same && isLiveStatus(current.status);
  if (displacesLive && !isLiveStatus(snapshot.status)) return { skip: `ignored: ${snapshot.id} is not the organization's current subscription` };
  return { apply: true, replacesAnother: !!current && !same, twoLive: displacesLive };
}

/** The billing_subscriptions row for this state; a replaced subscription's payment notes go with it. */
export function subscriptionRow(snapshot: SubscriptionSnapshot, observedAt: Date, replacesAnother: boolean) {
  const s = snapshot;
  return {
    stripeSubscriptionId: s.id, stripeCustomerId: s.customerId, stripePriceId: s.priceId, stripeItemId: s.itemId,
    tier: s.tier, billingInterval: s.interval, status: s.status, quantity: s.quantity,
    currentPeriodStart: s.currentPeriodStart, currentPeriodEnd: s.currentPeriodEnd, cancelAtPeriodEnd: s.cancelAtPeriodEnd,
    cancelAt: s.cancelAt, canceledAt: s.canceledAt, endedAt: s.endedAt, trialEnd: s.trialEnd, syncedAt: observedAt,
    ...(replacesAnother ? { lastPaymentFailedAt: null, lastInvoiceUrl: null, paymentEventAt: null } : {}),
  };
}

/**
 * What the organization row becomes: the customer linked if it had none, and the plan state the
 * subscription implies, except that an ended subscription never pulls back an organization that
 * has since moved on to Free.
 */
export function organizationChanges(
  organization: Pick<BillingOrganization, "stripeCustomerId" | "subscriptionTier" | "subscriptionStatus">,
  snapshot: Pick<SubscriptionSnapshot, "customerId" | "status">,
  state: OrganizationBillingState | null,
): Partial<OrganizationBillingState> & { stripeCustomerId?: string } {
  const movedOnToFree = !isLiveStatus(snapshot.status) && organization.subscriptionTier === "free" && organization.subscriptionStatus === "active";
  return {
    ...(organization.stripeCustomerId ? {} : { stripeCustomerId: snapshot.customerId }),
    ...(movedOnToFree ? {} : (state ?? {})),
  };
}

/**
 * The audit row's old and new values when the applied state changes what people see (plan,
 * status, seats, cancellation, renewal) or is another subscription; null when nothing did.
 */
export function subscriptionAudit(
  current: Omit<StoredSubscription, "syncedAt"> | null,
  organization: Pick<BillingOrganization, "subscriptionTier" | "subscriptionStatus">,
  snapshot: SubscriptionSnapshot,
): { oldValues: Record<string, unknown>; newValues: Record<string, unknown> } | null {
  const before = {
    tier: current?.tier ?? organization.subscriptionTier, status: current?.status ?? organization.subscriptionStatus,
    quantity: current?.quantity, cancelAtPeriodEnd: current?.cancelAtPeriodEnd, currentPeriodEnd: current?.currentPeriodEnd,
  };
  const after = { tier: snapshot.tier, status: snapshot.status, quantity: snapshot.quantity, cancelAtPeriodEnd: snapshot.cancelAtPeriodEnd, currentPeriodEnd: snapshot.currentPeriodEnd };
  // Compared as stored JSON: an absent value and undefined are the same, dates by their instant.
  if (JSON.stringify(before) === JSON.stringify(after) && current?.stripeSubscriptionId === snapshot.id) return null;
  return { oldValues: before, newValues: { ...after, subscription: snapshot.id, interval: snapshot.interval } };
}

/** An invoice outcome older than the one recorded is stale (a late failure never undoes a payment). */
export function paymentVerdict(recordedAt: Date | null, at: Date): { apply: true } | Skip {
  return recordedAt && recordedAt > at ? { skip: "stale: a later invoice outcome is recorded" } : { apply: true };
}

import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { CheckoutPending } from "@/features/billing/components/checkout-pending";
import { PlanPicker } from "@/features/billing/components/plan-picker";
import { StatusBadge } from "@/features/billing/components/status-badge";
import { SubscriptionActions } from "@/features/billing/components/subscription-actions";
import { UsageMeters } from "@/features/billing/components/usage-meters";
import { formatCents, getPlan } from "@/features/billing/plans";
import { formatDate } from "@/lib/dates";
import { orNotFound, serverApi } from "@/trpc/server";

export const metadata: Metadata = { title: "Billing" };

const firstOfNextMonth = () => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
};

export default async function BillingPage({ params, searchParams }: { params: Promise<{ orgSlug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { orgSlug } = await params;
  const { checkout } = await searchParams;
  const api = await serverApi(orgSlug);
  const [billing, org] = await Promise.all([orNotFound(api.billing.overview()), orNotFound(api.organizations.current())]);
  const canManage = org.permissions.includes("billing:admin");
  const sub = billing.subscription;
  const live = sub?.live ? sub : null;
  const resets = `Resets on ${formatDate(firstOfNextMonth())}.`;
  const meters = [
    { label: "Seats (active members)", used: billing.usage.seats.used, limit: billing.usage.seats.limit, hint: live ? `Billed for ${live.quantity} ${live.quantity === 1 ? "seat" : "seats"}.` : undefined },
    { label: "New leads this month", used: billing.usage.leads.used, limit: billing.usage.leads.limit, hint: resets },
    { label: "AI calls this month", used: billing.usage.aiCalls.used, limit: billing.usage.aiCalls.limit, hint: resets },
  ];

  if (!billing.enabled) {
    return (
      <div className="space-y-6">
        <PageHeader title="Billing" description="Plans, seats and usage." />
        <section className="card p-6" aria-labelledby="self-hosted">
          <h2 id="self-hosted" className="text-lg font-semibold">Billing is off on this server</h2>
          <p className="mt-2 max-w-2xl text-sm text-slate-600">
            This Parley is self-hosted: there is no subscription to pay, and no plan limits apply to users, leads or AI calls.
            Usage is still counted below. (Billing turns on when the server is given a Stripe key, <code>STRIPE_SECRET_KEY</code>.)
          </p>
        </section>
        <section className="card p-6" aria-labelledby="usage-heading">
          <h2 id="usage-heading" className="mb-4 text-lg font-semibold">Usage</h2>
          <UsageMeters meters={meters} />
        </section>
      </div>
    );
  }

  const periodEnd = live?.currentPeriodEnd ? formatDate(live.currentPeriodEnd) : null;
  const plan = getPlan(billing.plan.id);
  const interval = live?.interval ?? "month";
  const ending = !!live?.cancelAtPeriodEnd;
  let dates: string | null = null;
  if (billing.status === "canceled" && billing.expiresAt) dates = `Ended on ${formatDate(billing.expiresAt)}.`;
  else if (live && (live.status === "past_due" || live.status === "unpaid")) dates = "The latest invoice is unpaid: update the payment method to keep this plan.";
  else if (live && ending && billing.expiresAt) dates = `Ends on ${formatDate(billing.expiresAt)}; it will not renew.`;
  else if (live && periodEnd) dates = `Renews on ${periodEnd}.`;

  return (
    <div className="space-y-6">
      <PageHeader title="Billing" description="Your plan, seats and usage, and how you pay for them." />

      {checkout === "success" && !live ? <CheckoutPending /> : null}
      {checkout === "success" && live ? (
        <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900">You&apos;re on {plan.name}. Thank you! Your new limits apply now.</p>
      ) : null}
      {checkout === "canceled" ? <p role="status" className="rounded-md border border-slate-200 bg-white px-4 py-3 text-sm text-slate-700">Checkout canceled: nothing was charged.</p> : null}
      {/* Read-only (past due, ended): the layout's banner says so on every page, this one included. */}
      {live?.lastPaymentFailedAt && !billing.readOnly ? (
        <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          The payment on {formatDate(live.lastPaymentFailedAt)} failed. Update your payment method to keep your plan.
          {live.lastInvoiceUrl ? <> <a className="font-medium underline" href={live.lastInvoiceUrl}>View the invoice</a>.</> : null}
        </p>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-2">
        <section className="card p-6" aria-labelledby="current-plan">
          <p className="text-sm font-medium text-slate-500">Current plan</p>
          <div className="mt-1 flex flex-wrap items-center gap-3">
            <h2 id="current-plan" className="text-2xl font-semibold">{plan.name}</h2>
            <StatusBadge status={billing.status} ending={ending} />
          </div>
          {live ? (
            <p className="mt-3 text-sm text-slate-700">
              {formatCents(plan.pricePerSeat[interval])} per seat per {interval} × {live.quantity} {live.quantity === 1 ? "seat" : "seats"} ={" "}
              <strong>{formatCents(plan.pricePerSeat[interval] * live.quantity)} per {interval}</strong>
              <span className="text-slate-500"> (billed {interval === "year" ? "yearly" : "monthly"}, before tax)</span>
            </p>
          ) : (
            <p className="mt-3 text-sm text-slate-700">{plan.id === "free" ? "Free: no card needed." : "No active subscription."}</p>
          )}
          {dates ? <p className="mt-1 text-sm text-slate-600">{dates}</p> : null}
          <dl className="mt-4 grid grid-cols-3 gap-3 text-sm">
            <div><dt className="text-slate-500">Users</dt><dd className="font-medium">{plan.limits.maxUsers.toLocaleString("en-US")}</dd></div>
            <div><dt className="text-slate-500">Leads / month</dt><dd className="font-medium">{plan.limits.maxLeadsPerMonth.toLocaleString("en-US")}</dd></div>
            <div><dt className="text-slate-500">AI calls / month</dt><dd className="font-medium">{plan.limits.maxAiCallsPerMonth.toLocaleString("en-US")}</dd></div>
          </dl>
          {canManage ? (
            <div className="mt-5">
              <SubscriptionActions hasCustomer={billing.hasCustomer} live={!!live} cancelAtPeriodEnd={ending} periodEnd={periodEnd}
                seatsOutOfStep={!!live && live.quantity !== Math.max(1, billing.usage.seats.used)} />
            </div>
          ) : (
            <p className="mt-5 text-sm text-slate-600">Only the organization&apos;s owner can change billing.</p>
          )}
        </section>

        <section className="card p-6" aria-labelledby="usage-heading">
          <h2 id="usage-heading" className="mb-4 text-lg font-semibold">Usage</h2>
          <UsageMeters meters={meters} />
        </section>
      </div>

      {/* Reset the interval switch when the subscription's interval changes. */}
      <PlanPicker key={sub?.interval ?? "none"} canManage={canManage} seats={Math.max(1, billing.usage.seats.used)} currentPlan={billing.plan.id} orgStatus={billing.status}
        subscription={sub ? { live: sub.live, planId: sub.planId, interval: sub.interval, status: sub.status, cancelAtPeriodEnd: sub.cancelAtPeriodEnd } : null}
        prices={billing.prices} periodEnd={periodEnd} />
    </div>
  );
}

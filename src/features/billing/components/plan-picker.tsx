"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { useHydrated } from "@/components/use-hydrated";
import { api } from "@/trpc/react";
import { type BillingInterval, FEATURES, FREE_PLAN, PLANS, type Plan, type PlanId, formatCents, monthlyPerSeat, planRank, yearlySavingPercent } from "../plans";

export interface PlanPickerProps {
  canManage: boolean;
  seats: number;
  /** The organization's plan, and whether it is in good standing on it. */
  currentPlan: PlanId;
  orgStatus: string;
  subscription: { live: boolean; planId: PlanId; interval: BillingInterval; status: string; cancelAtPeriodEnd: boolean } | null;
  prices: Record<PlanId, Record<BillingInterval, boolean>>;
  periodEnd: string | null;
}

const per = (interval: BillingInterval) => (interval === "year" ? "yearly" : "monthly");
const limit = (n: number) => n.toLocaleString("en-US");

/** The interval switch: a radio group drawn as a segmented control. */
function IntervalSwitch({ value, onChange }: { value: BillingInterval; onChange: (v: BillingInterval) => void }) {
  const name = useId();
  const saving = Math.min(...PLANS.filter((p) => p.pricePerSeat.month).map(yearlySavingPercent));
  return (
    <fieldset className="inline-flex rounded-lg border border-slate-300 bg-white p-1 text-sm">
      <legend className="sr-only">Billing period</legend>
      {(["month", "year"] as const).map((interval) => (
        <label key={interval} className={`cursor-pointer rounded-md px-3 py-1.5 font-medium has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-500 ${value === interval ? "bg-brand-600 text-white" : "text-slate-700 hover:bg-slate-100"}`}>
          <input type="radio" name={name} value={interval} checked={value === interval} onChange={() => onChange(interval)} className="sr-only" />
          {interval === "month" ? "Monthly" : <>Yearly <span className={value === interval ? "text-brand-100" : "text-emerald-700"}>save {saving}%</span></>}
        </label>
      ))}
    </fieldset>
  );
}

export function PlanPicker(props: PlanPickerProps) {
  const { subscription, prices, seats, canManage } = props;
  const [interval, setInterval] = useState<BillingInterval>(subscription?.interval ?? "month");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState<string>();
  const hydrated = useHydrated();
  const router = useRouter();
  const checkout = api.billing.checkout.useMutation();
  const change = api.billing.changePlan.useMutation();
  const cancel = api.billing.cancel.useMutation();
  const toFree = api.billing.continueOnFree.useMutation();
  const live = subscription?.live ? subscription : null;

  const run = async (key: string, work: () => Promise<void>) => {
    setBusy(key);
    setError(undefined);
    try {
      await work();
    } catch (e) {
      setError(e instanceof Error ? e.message : "That did not work; try again.");
      setBusy(undefined);
    }
  };

  function action(plan: Plan) {
    const isCurrent = plan.id === "free"
      ? !live && props.currentPlan === "free" && props.orgStatus === "active"
      : live?.planId === plan.id && live.interval === interval;
    if (isCurrent) return <p className="btn-secondary w-full cursor-default" aria-disabled="true">Current plan</p>;
    if (!canManage) return null;
    if (plan.id === "free") {
      if (live) {
        if (live.cancelAtPeriodEnd) return <p className="text-center text-sm text-slate-600">Your paid plan ends {props.periodEnd ? `on ${props.periodEnd}` : "at the end of the period"}.</p>;
        return (
          <ConfirmButton label="Downgrade to Free" className="btn-secondary w-full" confirmLabel="Cancel at period end" confirmClassName="btn-primary"
            title="Move to Free at the end of this period?"
            body={<p>Your paid plan stays active until {props.periodEnd ?? "the end of the period"} and is not renewed. You can resume it until then. Afterwards, choose Free on this page to keep working within its limits; nothing is deleted.</p>}
            onConfirm={async () => { await cancel.mutateAsync(); router.refresh(); }} />
        );
      }
      if (seats > plan.limits.maxUsers) return <p className="text-center text-sm text-slate-600">Free fits up to {plan.limits.maxUsers} users; you have {seats} active members.</p>;
      return <button type="button" className="btn-secondary w-full" disabled={!hydrated || !!busy} onClick={() => run("free", async () => { await toFree.mutateAsync(); router.refresh(); setBusy(undefined); })}>Continue on Free</button>;
    }
    if (!prices[plan.id][interval]) return <p className="text-center text-sm text-slate-500">Not offered {per(interval)} on this server.</p>;
    if (seats > plan.limits.maxUsers) return <p className="text-center text-sm text-slate-600">Fits up to {limit(plan.limits.maxUsers)} users; you have {seats}.</p>;
    if (live) {
      const direction = planRank(plan.id) > planRank(live.planId) ? "Upgrade" : planRank(plan.id) < planRank(live.planId) ? "Downgrade" : "Switch";
      const label = `${direction} to ${plan.name}`;
      if (live.status !== "active" && live.status !== "trialing") return <p className="text-center text-sm text-slate-600">Settle the unpaid invoice to change plans.</p>;
      return (
        <ConfirmButton label={label} className={direction === "Upgrade" ? "btn-primary w-full" : "btn-secondary w-full"} confirmLabel={label} confirmClassName="btn-primary"
          title={`${label}, billed ${per(interval)}?`}
          body={
            <p>
              {seats} {seats === 1 ? "seat" : "seats"} × {formatCents(plan.pricePerSeat[interval])} per {interval} = <strong>{formatCents(plan.pricePerSeat[interval] * seats)} per {interval}</strong>, starting now.
              Stripe charges or credits the prorated difference for the rest of this period on your next invoice.
            </p>
          }
          onConfirm={async () => { await change.mutateAsync({ plan: plan.id as Exclude<PlanId, "free">, interval }); router.refresh(); }} />
      );
    }
    const label = props.currentPlan === "free" || planRank(plan.id) > planRank(props.currentPlan) ? `Upgrade to ${plan.name}` : `Choose ${plan.name}`;
    return (
      <button type="button" className="btn-primary w-full" disabled={!hydrated || !!busy}
        onClick={() => run(plan.id, async () => {
          const { url } = await checkout.mutateAsync({ plan: plan.id as Exclude<PlanId, "free">, interval });
          window.location.assign(url);
        })}>
        {busy === plan.id ? "Opening checkout…" : label}
      </button>
    );
  }

  return (
    <section aria-labelledby="plans-heading" className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h2 id="plans-heading" className="text-lg font-semibold">Plans</h2>
          <p className="text-sm text-slate-600">Priced per seat: each active member is a seat. Seats follow your team as it changes, prorated.</p>
        </div>
        <IntervalSwitch value={interval} onChange={setInterval} />
      </div>
      {error ? <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">{error}</p> : null}
      {!canManage ? <p className="text-sm text-slate-600">Only the organization&apos;s owner can change the plan.</p> : null}
      <ul className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
        {PLANS.map((plan) => {
          const highlighted = plan.id === "pro";
          return (
            <li key={plan.id} className={`card flex flex-col p-5 ${highlighted ? "ring-2 ring-brand-500" : ""}`} aria-labelledby={`plan-${plan.id}`}>
              <div className="flex items-center justify-between gap-2">
                <h3 id={`plan-${plan.id}`} className="text-base font-semibold">{plan.name}</h3>
                {highlighted ? <span className="rounded-full bg-brand-50 px-2 py-0.5 text-xs font-medium text-brand-700">Most popular</span> : null}
              </div>
              <p className="mt-1 min-h-[2.5rem] text-sm text-slate-600">{plan.tagline}</p>
              <p className="mt-3">
                <span className="text-3xl font-bold">{formatCents(monthlyPerSeat(plan, interval))}</span>
                <span className="text-sm text-slate-600"> / seat / month</span>
              </p>
              <p className="text-xs text-slate-500">{plan.id === FREE_PLAN.id ? "Free forever" : interval === "year" ? `${formatCents(plan.pricePerSeat.year)} per seat, billed yearly` : "Billed monthly"}</p>
              <ul className="mt-4 space-y-1.5 text-sm text-slate-700">
                <li>Up to <strong>{limit(plan.limits.maxUsers)}</strong> users</li>
                <li><strong>{limit(plan.limits.maxLeadsPerMonth)}</strong> new leads a month</li>
                <li><strong>{limit(plan.limits.maxAiCallsPerMonth)}</strong> AI calls a month</li>
                {plan.features.map((f) => (
                  <li key={f} className="flex gap-2"><span aria-hidden="true" className="text-emerald-600">✓</span>{FEATURES[f]}</li>
                ))}
              </ul>
              <div className="mt-auto pt-5">{action(plan)}</div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { FEATURES, type FeatureKey, FREE_PLAN, PLANS, formatCents, monthlyPerSeat, yearlySavingPercent } from "@/features/billing/plans";
import { billingEnabled } from "@/server/billing/config";
import { peekSession } from "@/trpc/server";

export const metadata: Metadata = { title: "Pricing", description: "Parley's plans: Free, Starter, Pro and Enterprise, priced per seat, monthly or yearly." };

const n = (value: number) => value.toLocaleString("en-US");

export default async function PricingPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { billing } = await searchParams;
  const interval = billing === "yearly" ? "year" : "month";
  const session = await peekSession();
  const enabled = billingEnabled();
  const saving = Math.min(...PLANS.filter((p) => p.pricePerSeat.month).map(yearlySavingPercent));
  const start = session ? "/dashboard" : "/signup";
  const toggle = (value: "month" | "year", label: React.ReactNode) => (
    <Link href={value === "year" ? "/pricing?billing=yearly" : "/pricing"} aria-current={interval === value ? "true" : undefined} scroll={false}
      className={`rounded-md px-4 py-2 text-sm font-medium ${interval === value ? "bg-brand-600 text-white" : "text-slate-700 hover:bg-slate-100"}`}>
      {label}
    </Link>
  );

  return (
    <div className="mx-auto max-w-6xl px-4 py-16">
      <header className="text-center">
        <h1 className="text-4xl font-bold tracking-tight">Simple per-seat pricing</h1>
        <p className="mx-auto mt-4 max-w-2xl text-lg text-slate-600">Start free. Pay for the people who use Parley, and change or cancel whenever you like; seats follow your team, prorated.</p>
      </header>

      {!enabled ? (
        <p role="note" className="mx-auto mt-8 max-w-2xl rounded-md border border-sky-200 bg-sky-50 px-4 py-3 text-center text-sm text-sky-900">
          This Parley server is self-hosted: billing is off and none of the limits below apply here. The plans are what Parley&apos;s hosted service offers.
        </p>
      ) : null}

      <nav aria-label="Billing period" className="mt-10 flex justify-center">
        <div className="inline-flex rounded-lg border border-slate-300 bg-white p-1">
          {toggle("month", "Monthly")}
          {toggle("year", <>Yearly <span className={interval === "year" ? "text-brand-100" : "text-emerald-700"}>save {saving}%</span></>)}
        </div>
      </nav>

      <ul className="mt-10 grid gap-6 sm:grid-cols-2 lg:grid-cols-4">
        {PLANS.map((plan) => {
          const highlighted = plan.id === "pro";
          return (
            <li key={plan.id} aria-labelledby={`price-${plan.id}`} className={`card flex flex-col p-6 ${highlighted ? "ring-2 ring-brand-500" : ""}`}>
              <div className="flex items-center justify-between">
                <h2 id={`price-${plan.id}`} className="text-lg font-semibold">{plan.name}</h2>
                {highlighted ? <span className="rounded-full bg-brand-50 px-2 py-0.5 text-xs font-medium text-brand-700">Most popular</span> : null}
              </div>
              <p className="mt-2 min-h-[2.5rem] text-sm text-slate-600">{plan.tagline}</p>
              <p className="mt-4"><span className="text-4xl font-bold">{formatCents(monthlyPerSeat(plan, interval))}</span><span className="text-slate-600"> / seat / month</span></p>
              <p className="mt-1 text-xs text-slate-500">{plan.id === FREE_PLAN.id ? "Free forever, no card needed" : interval === "year" ? `${formatCents(plan.pricePerSeat.year)} per seat, billed yearly` : "Billed monthly"}</p>
              <ul className="mt-6 space-y-2 text-sm text-slate-700">
                <li>Up to <strong>{n(plan.limits.maxUsers)}</strong> users</li>
                <li><strong>{n(plan.limits.maxLeadsPerMonth)}</strong> new leads a month</li>
                <li><strong>{n(plan.limits.maxAiCallsPerMonth)}</strong> AI calls a month</li>
              </ul>
              <div className="mt-auto pt-6">
                <Link href={start} className={`${highlighted ? "btn-primary" : "btn-secondary"} w-full`}>
                  {session ? "Open Parley" : plan.id === "free" ? "Start free" : `Start with ${plan.name}`}
                </Link>
              </div>
            </li>
          );
        })}
      </ul>
      {!session ? <p className="mt-4 text-center text-sm text-slate-600">Every workspace starts on Free; upgrade from Billing when you are ready.</p> : null}

      <section aria-labelledby="compare" className="mt-16">
        <h2 id="compare" className="text-2xl font-semibold">Compare plans</h2>
        <div className="card mt-4 overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">What each plan includes</caption>
            <thead className="border-b border-slate-200 bg-slate-50">
              <tr>
                <th scope="col" className="px-4 py-3 font-medium text-slate-600">Included</th>
                {PLANS.map((p) => <th key={p.id} scope="col" className="px-4 py-3 font-semibold">{p.name}</th>)}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              <tr>
                <th scope="row" className="px-4 py-3 font-normal">Price per seat per month, {interval === "year" ? "billed yearly" : "billed monthly"}</th>
                {PLANS.map((p) => <td key={p.id} className="px-4 py-3">{formatCents(monthlyPerSeat(p, interval))}</td>)}
              </tr>
              <tr>
                <th scope="row" className="px-4 py-3 font-normal">Users</th>
                {PLANS.map((p) => <td key={p.id} className="px-4 py-3">{n(p.limits.maxUsers)}</td>)}
              </tr>
              <tr>
                <th scope="row" className="px-4 py-3 font-normal">New leads a month</th>
                {PLANS.map((p) => <td key={p.id} className="px-4 py-3">{n(p.limits.maxLeadsPerMonth)}</td>)}
              </tr>
              <tr>
                <th scope="row" className="px-4 py-3 font-normal">AI calls a month</th>
                {PLANS.map((p) => <td key={p.id} className="px-4 py-3">{n(p.limits.maxAiCallsPerMonth)}</td>)}
              </tr>
              {(Object.keys(FEATURES) as FeatureKey[]).map((f) => (
                <tr key={f}>
                  <th scope="row" className="px-4 py-3 font-normal">{FEATURES[f]}</th>
                  {PLANS.map((p) => (
                    <td key={p.id} className="px-4 py-3">
                      {p.features.includes(f) ? <><span aria-hidden="true" className="text-emerald-600">✓</span><span className="sr-only">Included</span></> : <><span aria-hidden="true" className="text-slate-300">–</span><span className="sr-only">Not included</span></>}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="faq" className="mt-16 grid gap-6 md:grid-cols-3">
        <h2 id="faq" className="sr-only">Questions</h2>
        <div><h3 className="font-semibold">What counts as a seat?</h3><p className="mt-1 text-sm text-slate-600">Every active member of your organization. Add or remove people any time; the next invoice is prorated.</p></div>
        <div><h3 className="font-semibold">What if a payment fails?</h3><p className="mt-1 text-sm text-slate-600">Your workspace turns read-only until the card is updated. Nothing is ever deleted.</p></div>
        <div><h3 className="font-semibold">Can I cancel?</h3><p className="mt-1 text-sm text-slate-600">Yes, from Billing. Your plan runs to the end of the period you paid for, and you can resume until then.</p></div>
      </section>
    </div>
  );
}

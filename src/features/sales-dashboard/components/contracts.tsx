import Link from "next/link";
import { formatIsoDay } from "@/lib/dates";
import { formatMoney } from "@/lib/money";
import type { RenewalDue, RenewalsDue, SignedMonth } from "../metrics/contracts";
import { RENEWAL_WINDOW_DAYS } from "../metrics/contracts";
import { DashboardBarChart } from "./bar-chart";
import { ChartCard } from "./chart-card";
import { DataTable } from "./data-table";
import { formatCount, formatMonth, repName } from "./format";

const plural = (n: number, one: string, many: string) => `${formatCount(n)} ${n === 1 ? one : many}`;

/** `total` is the service's exact sum over the same months. */
export function SignedContractsCard({ months, total, currency, timeZone }: {
  months: SignedMonth[];
  total: { count: number; value: string };
  currency: string;
  timeZone: string;
}) {
  return (
    <ChartCard id="signed-contracts" title="Signed contract value by month"
      description={`Contracts fully signed in each month (${timeZone.replace(/_/g, " ")} time), whatever their status since.`}
      emptyText={total.count === 0 ? "No contracts signed in this period." : undefined}
      chart={<DashboardBarChart data={months.map((m) => ({ month: formatMonth(m.month), "Signed value": m.value }))} index="month"
        categories={["Signed value"]} colors={["violet"]} kind="money" currency={currency} yAxisWidth={64} />}
      table={<DataTable caption="Signed contract value by month"
        columns={[{ label: "Month" }, { label: "Contracts", numeric: true }, { label: "Signed value", numeric: true }]}
        rows={months.map((m) => ({ key: m.month, cells: [formatMonth(m.month), formatCount(m.count), formatMoney(m.value, currency)] }))}
        footer={["Total", formatCount(total.count), formatMoney(total.value, currency)]} />}
    />
  );
}

const daysLeft = (n: number) => (n === 0 ? "today" : n === 1 ? "tomorrow" : `in ${formatCount(n)} days`);

function RenewalBadge({ autoRenew }: { autoRenew: boolean }) {
  return autoRenew
    ? <span className="inline-block whitespace-nowrap rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-800 ring-1 ring-inset ring-emerald-200">Auto-renews</span>
    : <span className="inline-block whitespace-nowrap rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-900 ring-1 ring-inset ring-amber-200">Needs action</span>;
}

const ownerOf = (c: RenewalDue) => (c.ownerId ? repName(c.ownerName) : "No owner");

/**
 * Active contracts ending soon, the soonest first, each linking to its page. Not a chart: a
 * short table reads better than bars, and it is the same for every user.
 */
export function RenewalsDueCard({ renewals, currency, orgSlug }: { renewals: RenewalsDue; currency: string; orgSlug: string }) {
  const { count, next } = renewals;
  const title = `Renewals due (next ${RENEWAL_WINDOW_DAYS} days)`;
  return (
    <section aria-labelledby="renewals-due-title" className="card flex min-w-0 flex-col p-5">
      <h2 id="renewals-due-title" className="font-semibold">{title}</h2>
      <p className="mt-1 text-sm text-slate-600">Active contracts ending by {formatIsoDay(renewals.through)}, soonest first. The date range does not apply.</p>
      {count === 0 ? (
        <div className="my-auto py-12 text-center text-sm text-slate-500">
          <p className="font-medium text-slate-700">No renewals in the next {RENEWAL_WINDOW_DAYS} days.</p>
          <p className="mt-1">Active contracts show up here as their end date comes within {RENEWAL_WINDOW_DAYS} days.</p>
        </div>
      ) : (
        <>
          <dl className="mt-4 grid grid-cols-3 gap-2 text-xs sm:gap-3 sm:text-sm">
            <div className="rounded-md bg-slate-50 px-3 py-2">
              <dt className="text-slate-600">Ending</dt>
              <dd className="text-lg font-semibold tabular-nums text-slate-900">{formatCount(count)}</dd>
              <dd className="text-xs tabular-nums text-slate-500">{formatMoney(renewals.value, currency)}</dd>
            </div>
            <div className="rounded-md bg-emerald-50 px-3 py-2">
              <dt className="text-emerald-900">Auto-renew</dt>
              <dd className="text-lg font-semibold tabular-nums text-emerald-950">{formatCount(renewals.autoRenew)}</dd>
            </div>
            <div className="rounded-md bg-amber-50 px-3 py-2">
              <dt className="text-amber-900">Need action</dt>
              <dd className="text-lg font-semibold tabular-nums text-amber-950">{formatCount(renewals.needsAction)}</dd>
            </div>
          </dl>
          <div className="mt-4 overflow-x-auto">
            <DataTable caption={`${title}: the ${plural(next.length, "soonest contract", "soonest contracts")}`}
              columns={[{ label: "Contract" }, { label: "Company", className: "hidden sm:table-cell" }, { label: "Ends" }, { label: "Value", numeric: true, className: "hidden sm:table-cell" }]}
              rows={next.map((c) => ({
                key: c.id,
                cells: [
                  <span key="contract" className="block max-w-[11rem] sm:min-w-[8rem] sm:max-w-[14rem]">
                    <Link href={`/${orgSlug}/contracts/${c.id}`} className="group block">
                      <span className="text-brand-700 group-hover:underline">{c.contractNumber}</span>
                      <span className="block truncate text-xs font-normal text-slate-500" title={c.title}>{c.title}</span>
                    </Link>
                    {/* On phones the company and value columns are dropped; what they say moves here. */}
                    <span className="mt-0.5 block whitespace-nowrap text-xs font-medium tabular-nums text-slate-800 sm:hidden">{formatMoney(c.value, c.currency)}</span>
                    <span className="block truncate text-xs font-normal text-slate-500 sm:hidden">{c.companyName ?? "No company"} · {ownerOf(c)}</span>
                  </span>,
                  <span key="company" className="block min-w-[7rem]">
                    {c.companyName ?? <span className="text-slate-400">No company</span>}
                    <span className="block text-xs text-slate-500">Owner: {ownerOf(c)}</span>
                  </span>,
                  <span key="ends" className="block whitespace-nowrap">
                    {formatIsoDay(c.endDate)}
                    <span className="block text-xs text-slate-500">{daysLeft(c.daysLeft)}</span>
                    <span className="mt-1 block"><RenewalBadge autoRenew={c.autoRenew} /></span>
                  </span>,
                  <span key="value" className="whitespace-nowrap">{formatMoney(c.value, c.currency)}</span>,
                ],
              }))} />
          </div>
          <p className="mt-3 text-xs text-slate-500">
            {count > next.length ? `Showing the ${formatCount(next.length)} soonest of ${plural(count, "contract", "contracts")}. ` : null}
            <Link href={`/${orgSlug}/contracts?endingWithinDays=${RENEWAL_WINDOW_DAYS}&sort=endDate&dir=asc`} className="text-blue-700 underline">See them in Contracts</Link>
          </p>
        </>
      )}
    </section>
  );
}

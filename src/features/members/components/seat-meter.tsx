import Link from "next/link";
import type { SeatUsage } from "../seats";

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

/** Seats used out of the plan's limit, with the way to more when they run out. */
export function SeatMeter({ seats, orgSlug }: { seats: SeatUsage; orgSlug: string }) {
  const breakdown = `${plural(seats.members, "active member")}, ${plural(seats.pending, "pending invitation")}`;
  if (seats.limit === null) {
    return (
      <section aria-labelledby="seats-heading" className="card flex flex-wrap items-baseline justify-between gap-2 p-4">
        <h2 id="seats-heading" className="text-sm font-semibold">Seats</h2>
        <p className="text-sm text-slate-600">
          <span className="font-semibold text-slate-900">{seats.used} in use</span> · {breakdown} · no seat limit on this server
        </p>
      </section>
    );
  }
  const limit = seats.limit;
  const percent = limit > 0 ? Math.min(100, Math.round((seats.used / limit) * 100)) : 100;
  const full = seats.available === 0;
  return (
    <section aria-labelledby="seats-heading" className="card p-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="seats-heading" className="text-sm font-semibold">Seats</h2>
        <p className="text-sm text-slate-600">
          <span className="font-semibold text-slate-900">{seats.used} of {limit}</span> used
          <span className="text-slate-500"> · {breakdown}</span>
        </p>
      </div>
      <div role="meter" aria-label="Seats used" aria-valuemin={0} aria-valuemax={limit} aria-valuenow={Math.min(seats.used, limit)}
        aria-valuetext={`${seats.used} of ${limit} seats used`} className="mt-2 h-2 overflow-hidden rounded-full bg-slate-100">
        <div className={`h-full rounded-full ${full ? "bg-amber-500" : "bg-brand-500"}`} style={{ width: `${percent}%` }} />
      </div>
      {full ? (
        <p className="mt-2 text-sm text-amber-900">
          All seats are in use.{" "}
          <Link href={`/${orgSlug}/settings/billing`} className="font-semibold underline">Upgrade your plan</Link> to add more people, or deactivate someone to free a seat.
        </p>
      ) : (
        <p className="mt-2 text-xs text-slate-500">{plural(seats.available ?? 0, "seat")} free. Deactivated members and expired invitations don&apos;t take a seat.</p>
      )}
    </section>
  );
}

"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { useHydrated } from "@/components/use-hydrated";
import { api } from "@/trpc/react";

/** Stripe's Customer Portal (cards, invoices, billing details) and cancel / resume. */
export function SubscriptionActions({ hasCustomer, live, cancelAtPeriodEnd, periodEnd, seatsOutOfStep }: {
  hasCustomer: boolean;
  live: boolean;
  cancelAtPeriodEnd: boolean;
  periodEnd: string | null;
  seatsOutOfStep: boolean;
}) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState<string>();
  const portal = api.billing.portal.useMutation();
  const cancel = api.billing.cancel.useMutation();
  const resume = api.billing.resume.useMutation();
  const syncSeats = api.billing.syncSeats.useMutation();

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

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-2">
        {hasCustomer ? (
          <button type="button" className="btn-secondary" disabled={!hydrated || !!busy}
            onClick={() => run("portal", async () => { const { url } = await portal.mutateAsync(); window.location.assign(url); })}>
            {busy === "portal" ? "Opening…" : "Manage payment methods & invoices"}
          </button>
        ) : null}
        {live && seatsOutOfStep ? (
          <button type="button" className="btn-secondary" disabled={!hydrated || !!busy}
            onClick={() => run("seats", async () => { await syncSeats.mutateAsync(); router.refresh(); setBusy(undefined); })}>
            {busy === "seats" ? "Updating…" : "Update billed seats"}
          </button>
        ) : null}
        {live && !cancelAtPeriodEnd ? (
          <ConfirmButton label="Cancel plan" title="Cancel at the end of this period?" confirmLabel="Cancel at period end"
            body={<p>Your plan stays active until {periodEnd ?? "the end of the period you paid for"} and is then not renewed. After that the organization becomes read-only until you choose a plan again; nothing is deleted. You can resume any time before then.</p>}
            onConfirm={async () => { await cancel.mutateAsync(); router.refresh(); }} />
        ) : null}
        {live && cancelAtPeriodEnd ? (
          <button type="button" className="btn-primary" disabled={!hydrated || !!busy}
            onClick={() => run("resume", async () => { await resume.mutateAsync(); router.refresh(); setBusy(undefined); })}>
            {busy === "resume" ? "Resuming…" : "Resume plan"}
          </button>
        ) : null}
      </div>
      {error ? <p role="alert" className="text-sm text-red-700">{error}</p> : null}
    </div>
  );
}

"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

/**
 * Back from Checkout, before Stripe's webhook has confirmed the payment: looks again every
 * two seconds (the server page re-renders) for up to two minutes.
 */
export function CheckoutPending() {
  const router = useRouter();
  const [waited, setWaited] = useState(0);
  useEffect(() => {
    if (waited >= 60) return;
    const timer = setTimeout(() => {
      router.refresh();
      setWaited((n) => n + 1);
    }, 2_000);
    return () => clearTimeout(timer);
  }, [router, waited]);
  return (
    <div role="status" className="rounded-md border border-sky-200 bg-sky-50 px-4 py-3 text-sm text-sky-900">
      {waited < 60 ? (
        <p><span aria-hidden="true" className="mr-2 inline-block h-3 w-3 animate-spin rounded-full border-2 border-sky-700 border-t-transparent align-[-1px]" />Payment received by Stripe. Confirming your new plan; this page updates by itself.</p>
      ) : (
        <p>Stripe has not confirmed the payment yet. Check again in a few minutes; you will not be charged twice.</p>
      )}
    </div>
  );
}

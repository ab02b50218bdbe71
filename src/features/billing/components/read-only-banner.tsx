import Link from "next/link";
import { billingPath } from "../access";

/** Shown on every page of an organization that billing has made read-only. */
export function ReadOnlyBanner({ orgSlug, message, canSeeBilling }: { orgSlug: string; message: string; canSeeBilling: boolean }) {
  // The message names the billing page's path for API callers; here it is a link instead.
  const text = message.replace(/ \(\/[^)]*\)/, "");
  return (
    <div role="alert" className="mb-6 flex flex-wrap items-center justify-between gap-3 rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
      <p>{canSeeBilling ? text : `${text.replace(/ An owner can .*$/, "")} Ask your organization's owner to sort out billing.`}</p>
      {canSeeBilling ? <Link href={billingPath(orgSlug)} className="btn bg-red-700 text-white hover:bg-red-800">Go to billing</Link> : null}
    </div>
  );
}

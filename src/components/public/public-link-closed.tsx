import type { ReactNode } from "react";
import { PublicOrgHeader } from "./public-org-header";

/** The page an emailed link shows when it no longer leads to its document (withdrawn, expired, invalid). */
export function PublicLinkClosed({ organization, title, body, children }: {
  organization: { name: string; logoUrl: string | null } | null;
  title: string;
  body: string;
  children?: ReactNode;
}) {
  return (
    <div className="mx-auto max-w-md px-4 py-12">
      <PublicOrgHeader organization={organization} />
      <div className="card p-6 sm:p-8">
        <div aria-hidden="true" className="mb-4 flex h-12 w-12 items-center justify-center rounded-full bg-amber-50 text-xl text-amber-700">!</div>
        <h1 className="text-2xl font-semibold">{title}</h1>
        <p className="mt-2 text-sm text-slate-600">{body}</p>
        {children}
      </div>
    </div>
  );
}

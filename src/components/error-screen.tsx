"use client";

import { useEffect, useState } from "react";
import { DATABASE_UNAVAILABLE_DIGEST } from "@/lib/database-unavailable";

type PageError = Error & { digest?: string };

/**
 * Whether an error boundary caught a database outage. The server marks the errors it knows
 * are one (their digest); for anything else (a page that reached the database some other
 * way) the health endpoint is asked once, so an outage never reads as "something went wrong".
 */
function useDatabaseOutage(error: PageError): boolean {
  const marked = error.digest === DATABASE_UNAVAILABLE_DIGEST;
  const [unreachable, setUnreachable] = useState(false);
  useEffect(() => {
    if (marked) return;
    let live = true;
    fetch("/api/health", { cache: "no-store" })
      .then((response) => { if (live && response.status === 503) setUnreachable(true); })
      .catch(() => {});
    return () => { live = false; };
  }, [marked, error]);
  return marked || unreachable;
}

export interface ErrorScreenProps {
  error: PageError;
  /** Next's retry: loads the segment's data again and re-renders it. */
  retry: () => void;
  /** The heading for an unexpected error here ("Proposals could not be loaded"). */
  title?: string;
  /** What to reassure people about in this area. */
  safe?: string;
  /** A full page (the app's root boundary) or a card inside the app's shell (an area's boundary). */
  variant?: "page" | "card";
}

/**
 * What an error boundary shows: the outage page while the database cannot be reached (people
 * stay signed in; nothing was lost), otherwise "Something went wrong" with the reference the
 * server logged the error under (Next's digest). Never the error's own text.
 */
export function ErrorScreen({ error, retry, title = "This page could not be loaded", safe = "Nothing you entered was lost on our side.", variant = "page" }: ErrorScreenProps) {
  const outage = useDatabaseOutage(error);
  const frame = variant === "page"
    ? "mx-auto flex min-h-[60vh] max-w-lg flex-col items-center justify-center gap-4 p-8 text-center"
    : "card flex flex-col items-center gap-3 px-6 py-16 text-center";
  const Heading = variant === "page" ? "h1" : "h2";
  const heading = variant === "page" ? "text-2xl font-semibold" : "text-lg font-semibold";

  if (outage) {
    return (
      <div role="alert" className={frame} data-error="database-unavailable">
        <svg aria-hidden="true" viewBox="0 0 24 24" className="h-10 w-10 text-amber-500" fill="none" stroke="currentColor" strokeWidth="1.5">
          <ellipse cx="12" cy="5" rx="8" ry="3" />
          <path d="M4 5v6c0 1.66 3.58 3 8 3s8-1.34 8-3V5M4 11v6c0 1.66 3.58 3 8 3 1 0 1.96-.07 2.85-.2" />
          <path d="M18 15l4 4m0-4l-4 4" strokeLinecap="round" />
        </svg>
        <Heading className={heading}>Parley can&apos;t reach its database</Heading>
        <p className="max-w-md text-slate-600">
          This is on our side and usually passes within a minute. Your data is safe and you are
          still signed in; try again shortly.
        </p>
        <button type="button" className="btn-primary" onClick={retry}>Try again</button>
      </div>
    );
  }
  return (
    <div role="alert" className={frame} data-error="unexpected">
      <Heading className={heading}>{title}</Heading>
      <p className="max-w-md text-slate-600">
        {error.digest ? <>Something went wrong (ref <span className="font-mono font-medium text-slate-800">{error.digest}</span>). It has been logged.</> : "Something went wrong. It has been logged."}{" "}
        {safe} Try again; if it keeps happening, quote the reference to support.
      </p>
      <button type="button" className="btn-primary" onClick={retry}>Try again</button>
    </div>
  );
}

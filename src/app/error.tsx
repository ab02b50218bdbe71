"use client";

import { useEffect } from "react";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <main role="alert" className="mx-auto flex min-h-[60vh] max-w-lg flex-col items-center justify-center gap-4 p-8 text-center">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="text-slate-600">
        Nothing you entered was lost on our side; try again. If it keeps happening, quote
        {error.digest ? <code className="mx-1 rounded bg-slate-100 px-1">{error.digest}</code> : " the time"} to support.
      </p>
      <button type="button" className="btn-primary" onClick={reset}>Try again</button>
    </main>
  );
}

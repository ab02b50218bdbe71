"use client";

/** A designed failure for the contracts area: what happened and a way to retry. */
export default function ContractsError({ reset }: { error: Error; reset: () => void }) {
  return (
    <div role="alert" className="card flex flex-col items-center gap-3 px-6 py-16 text-center">
      <h2 className="text-lg font-semibold">Contracts could not be loaded</h2>
      <p className="max-w-md text-sm text-slate-600">Something went wrong on our side. Your contracts are safe; try again in a moment.</p>
      <button type="button" className="btn-primary" onClick={reset}>Try again</button>
    </div>
  );
}

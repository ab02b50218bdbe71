const block = "animate-pulse rounded bg-slate-200 motion-reduce:animate-none";

/** The contracts area's shape while it loads. */
export default function ContractsLoading() {
  return (
    <div aria-busy="true">
      <p role="status" className="sr-only">Loading contracts…</p>
      <div aria-hidden="true">
        <div className={`${block} mb-2 h-8 w-48`} />
        <div className={`${block} mb-6 h-4 w-72`} />
        <div className="card mb-4 flex flex-wrap gap-3 p-4">{[0, 1, 2, 3].map((i) => <div key={i} className={`${block} h-10 w-40`} />)}</div>
        <div className="card space-y-3 p-4">{[0, 1, 2, 3, 4].map((i) => <div key={i} className={`${block} h-6`} />)}</div>
      </div>
    </div>
  );
}

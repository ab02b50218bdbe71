const block = "animate-pulse rounded bg-slate-200 motion-reduce:animate-none";

/** The settings' shape while the pipelines load, so nothing jumps when they arrive. */
export function SettingsSkeleton() {
  return (
    <div aria-busy="true">
      <p role="status" className="sr-only">Loading pipelines…</p>
      <div aria-hidden="true" className="grid items-start gap-6 lg:grid-cols-[18rem_minmax(0,1fr)]">
        <div className="card space-y-3 p-4">
          <div className={`${block} h-5 w-24`} />
          {[0, 1, 2].map((i) => <div key={i} className={`${block} h-10`} />)}
        </div>
        <div className="space-y-6">
          <div className="card p-5">
            <div className={`${block} h-6 w-40`} />
            <div className={`${block} mt-2 h-4 w-72 max-w-full`} />
          </div>
          <div className="card divide-y divide-slate-100">
            {[0, 1, 2, 3, 4, 5].map((i) => (
              <div key={i} className="flex gap-3 p-4">
                <div className={`${block} h-9 flex-1`} />
                <div className={`${block} hidden h-9 w-24 sm:block`} />
                <div className={`${block} hidden h-9 w-28 sm:block`} />
                <div className={`${block} hidden h-9 w-24 sm:block`} />
              </div>
            ))}
          </div>
        </div>
      </div>
    </div>
  );
}

const block = "animate-pulse rounded bg-slate-200 motion-reduce:animate-none";

/** The members page's shape while it loads. */
export default function MembersLoading() {
  return (
    <div aria-busy="true">
      <p role="status" className="sr-only">Loading members…</p>
      <div aria-hidden="true" className="space-y-6">
        <div>
          <div className={`${block} h-8 w-40`} />
          <div className={`${block} mt-2 h-4 w-72 max-w-full`} />
        </div>
        <div className="card p-4">
          <div className={`${block} h-4 w-48`} />
          <div className={`${block} mt-3 h-2 w-full`} />
        </div>
        <div className="card p-5">
          <div className={`${block} h-5 w-44`} />
          <div className="mt-4 grid gap-3 sm:grid-cols-[2fr_1fr_auto]">
            <div className={`${block} h-10`} />
            <div className={`${block} h-10`} />
            <div className={`${block} h-10 w-36`} />
          </div>
        </div>
        <div className="card divide-y divide-slate-100">
          {[0, 1, 2, 3, 4].map((i) => (
            <div key={i} className="flex items-center gap-4 px-4 py-4">
              <div className="flex-1">
                <div className={`${block} h-4 w-40`} />
                <div className={`${block} mt-2 h-3 w-56 max-w-full`} />
              </div>
              <div className={`${block} h-8 w-28`} />
              <div className={`${block} hidden h-6 w-20 sm:block`} />
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}

const block = "animate-pulse rounded bg-slate-200 motion-reduce:animate-none";

/** The dashboard's shape while its queries run, so nothing jumps when it arrives. */
export default function SalesDashboardLoading() {
  return (
    <div aria-busy="true">
      <p role="status" className="sr-only">Loading the sales dashboard…</p>
      <div aria-hidden="true">
        <div className="mb-6">
          <div className={`${block} h-8 w-56`} />
          <div className={`${block} mt-2 h-4 w-80 max-w-full`} />
        </div>
        <div className="card mb-6 flex flex-wrap gap-3 p-4">
          {[0, 1, 2, 3].map((i) => <div key={i} className={`${block} h-10 w-40`} />)}
        </div>
        <div className="mb-6 grid grid-cols-2 gap-3 md:grid-cols-4">
          {[0, 1, 2, 3, 4, 5, 6, 7].map((i) => (
            <div key={i} className="card p-4">
              <div className={`${block} h-4 w-24`} />
              <div className={`${block} mt-2 h-7 w-20`} />
              <div className={`${block} mt-2 h-3 w-28`} />
            </div>
          ))}
        </div>
        <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
          {[0, 1, 2, 3, 4, 5, 6, 7].map((i) => (
            <div key={i} className="card p-5">
              <div className={`${block} h-5 w-48`} />
              <div className={`${block} mt-2 h-4 w-72 max-w-full`} />
              <div className={`${block} mt-4 h-72`} />
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}

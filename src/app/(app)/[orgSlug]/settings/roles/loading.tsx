const block = "animate-pulse rounded bg-slate-200 motion-reduce:animate-none";

export default function RolesLoading() {
  return (
    <div aria-busy="true">
      <p role="status" className="sr-only">Loading roles…</p>
      <div aria-hidden="true" className="space-y-6">
        <div>
          <div className={`${block} h-8 w-64`} />
          <div className={`${block} mt-2 h-4 w-96 max-w-full`} />
        </div>
        <div className="card divide-y divide-slate-100">
          {[0, 1, 2, 3, 4].map((i) => (
            <div key={i} className="flex items-center gap-4 px-4 py-4">
              <div className="flex-1">
                <div className={`${block} h-4 w-32`} />
                <div className={`${block} mt-2 h-3 w-72 max-w-full`} />
              </div>
              <div className={`${block} h-4 w-20`} />
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}

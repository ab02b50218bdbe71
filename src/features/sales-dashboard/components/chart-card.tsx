/**
 * One dashboard chart: a titled section whose chart is for sighted mouse users and whose
 * table (behind "Show as table") carries the same numbers for keyboard and screen-reader
 * users. The chart is aria-hidden: Tremor's SVG has no text alternative and no focusable
 * parts, so hiding it loses nothing and spares screen readers a stream of axis labels.
 */
export function ChartCard({ id, title, description, emptyText, chart, table }: {
  id: string;
  title: string;
  description?: string;
  /** Set when there is nothing to plot: shown instead of the chart and table. */
  emptyText?: string;
  chart: React.ReactNode;
  table: React.ReactNode;
}) {
  return (
    <section aria-labelledby={`${id}-title`} className="card flex min-w-0 flex-col p-5">
      <h2 id={`${id}-title`} className="font-semibold">{title}</h2>
      {description ? <p className="mt-1 text-sm text-slate-600">{description}</p> : null}
      {emptyText ? (
        <p className="my-auto py-12 text-center text-sm text-slate-500">{emptyText}</p>
      ) : (
        <>
          <div aria-hidden="true" className="mt-4">{chart}</div>
          <details className="mt-4 text-sm">
            <summary className="cursor-pointer select-none font-medium text-brand-700 hover:underline">
              Show as table<span className="sr-only">: {title}</span>
            </summary>
            <div className="mt-3 overflow-x-auto">{table}</div>
          </details>
        </>
      )}
    </section>
  );
}

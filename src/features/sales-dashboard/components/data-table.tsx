export interface Column {
  label: string;
  /** Right-aligned with tabular figures. */
  numeric?: boolean;
  /** Extra classes for the column's header and cells (e.g. "hidden sm:table-cell" to drop it on phones). */
  className?: string;
}

export interface Row {
  key: string;
  /** The first cell names the row and is its header. */
  cells: React.ReactNode[];
}

/** A plain, screen-reader friendly table: a caption, column headers, a header cell per row. */
export function DataTable({ caption, columns, rows, footer }: { caption: string; columns: Column[]; rows: Row[]; footer?: React.ReactNode[] }) {
  const align = (i: number) => [columns[i]?.numeric ? "text-right tabular-nums" : "text-left", columns[i]?.className].filter(Boolean).join(" ");
  return (
    <table className="w-full text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
        <tr>{columns.map((c, i) => <th key={c.label} scope="col" className={`px-2 py-2 font-medium ${align(i)}`}>{c.label}</th>)}</tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((row) => (
          <tr key={row.key}>
            {row.cells.map((cell, i) => i === 0
              ? <th key={i} scope="row" className="px-2 py-2 text-left font-medium">{cell}</th>
              : <td key={i} className={`px-2 py-2 ${align(i)}`}>{cell}</td>)}
          </tr>
        ))}
      </tbody>
      {footer ? (
        <tfoot className="border-t border-slate-200 font-semibold">
          <tr>
            {footer.map((cell, i) => i === 0
              ? <th key={i} scope="row" className="px-2 py-2 text-left">{cell}</th>
              : <td key={i} className={`px-2 py-2 ${align(i)}`}>{cell}</td>)}
          </tr>
        </tfoot>
      ) : null}
    </table>
  );
}

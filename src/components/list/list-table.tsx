/**
 * A list page's table: a card that scrolls sideways on narrow screens, a caption for screen
 * readers, the header row (`head`: the <th> cells) and the body rows.
 */
export function ListTable({ caption, head, children }: { caption: React.ReactNode; head: React.ReactNode; children: React.ReactNode }) {
  return (
    <div className="card overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>{head}</tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}

import { diffValues } from "../audit-diff";

/** An audit entry's changes as a before/after table, folded away until asked for. */
export function AuditEntryChanges({ oldValues, newValues, details }: { oldValues: unknown; newValues: unknown; details: unknown }) {
  const changes = diffValues(oldValues, newValues);
  const extra = details && typeof details === "object" && Object.keys(details).length ? diffValues(null, details) : [];
  if (!changes.length && !extra.length) return <span className="text-slate-400">—</span>;
  return (
    <details className="group">
      <summary className="cursor-pointer text-brand-700 hover:underline">
        {changes.length ? `${changes.length} ${changes.length === 1 ? "field" : "fields"}` : "Details"}
      </summary>
      {changes.length ? (
        <table className="mt-2 w-full min-w-[20rem] text-xs">
          <thead className="text-left text-slate-500">
            <tr><th scope="col" className="py-1 pr-3">Field</th><th scope="col" className="py-1 pr-3">Before</th><th scope="col" className="py-1">After</th></tr>
          </thead>
          <tbody>
            {changes.map((c) => (
              <tr key={c.field} className="border-t border-slate-100 align-top">
                <th scope="row" className="py-1 pr-3 font-medium">{c.field}</th>
                <td className="max-w-[16rem] break-words py-1 pr-3">{c.before === null ? <span className="text-slate-400">empty</span> : <del className="bg-red-50 text-red-800 no-underline">{c.before}</del>}</td>
                <td className="max-w-[16rem] break-words py-1">{c.after === null ? <span className="text-slate-400">empty</span> : <ins className="bg-emerald-50 text-emerald-800 no-underline">{c.after}</ins>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {extra.length ? (
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 text-xs text-slate-600">
          {extra.map((d) => <div key={d.field} className="contents"><dt className="font-medium">{d.field}</dt><dd className="break-words">{d.after}</dd></div>)}
        </dl>
      ) : null}
    </details>
  );
}

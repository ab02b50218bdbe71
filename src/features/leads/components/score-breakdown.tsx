import type { ScoreBreakdown as Breakdown } from "../lead-scoring";

/** The lead's score and the reason behind every point, as stored when it was computed. */
export function ScoreBreakdown({ score, breakdown }: { score: number; breakdown: Partial<Breakdown> }) {
  const lines = breakdown.lines ?? [];
  return (
    <div>
      <div className="mb-4 flex items-baseline gap-3">
        <span className="text-4xl font-semibold tabular-nums">{score}</span>
        <span className="text-sm text-slate-500">of 100 · fit {breakdown.fit ?? 0} · engagement {breakdown.engagement ?? 0}</span>
      </div>
      {lines.length === 0 ? <p className="text-sm text-slate-500">Not scored yet.</p> : (
        <table className="w-full text-sm">
          <caption className="sr-only">How the score is made up</caption>
          <thead className="sr-only"><tr><th scope="col">Factor</th><th scope="col">Why</th><th scope="col">Points</th></tr></thead>
          <tbody className="divide-y divide-slate-100">
            {lines.map((l) => (
              <tr key={l.factor}>
                <th scope="row" className="py-2 pr-2 text-left font-medium">
                  {l.label}
                  <div className="mt-1 h-1.5 w-full rounded bg-slate-100" aria-hidden="true">
                    <div className={`h-1.5 rounded ${l.group === "fit" ? "bg-brand-500" : "bg-emerald-500"}`} style={{ width: `${l.maxPoints ? (l.points / l.maxPoints) * 100 : 0}%` }} />
                  </div>
                </th>
                <td className="py-2 pr-2 text-slate-600">{l.reason}</td>
                <td className="py-2 text-right tabular-nums">{l.points}<span className="text-slate-400">/{l.maxPoints}</span></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

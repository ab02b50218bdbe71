/** A lead score with its band spelled out, not only coloured. */
export function ScoreBadge({ score }: { score: number }) {
  const band = score >= 70 ? { label: "high", style: "bg-emerald-100 text-emerald-800" } : score >= 40 ? { label: "medium", style: "bg-amber-100 text-amber-800" } : { label: "low", style: "bg-slate-100 text-slate-700" };
  return <span className={`inline-block min-w-[2.5rem] rounded-full px-2 py-0.5 text-center text-xs font-semibold tabular-nums ${band.style}`} title={`Score ${score} of 100 (${band.label})`}>{score}<span className="sr-only"> of 100, {band.label}</span></span>;
}

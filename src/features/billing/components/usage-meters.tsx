// Usage against the plan's limits, one meter each (role="meter", with the numbers in text too).
export interface Meter {
  label: string;
  used: number;
  /** null: no limit (self-hosted). */
  limit: number | null;
  hint?: string;
}

const number = (n: number) => n.toLocaleString("en-US");

export function UsageMeters({ meters }: { meters: Meter[] }) {
  return (
    <ul className="space-y-5">
      {meters.map((m) => {
        const share = m.limit ? Math.min(1, m.used / m.limit) : 0;
        const tone = m.limit === null ? "bg-slate-400" : share >= 1 ? "bg-red-600" : share >= 0.8 ? "bg-amber-500" : "bg-brand-600";
        const text = m.limit === null ? `${number(m.used)} (no limit)` : `${number(m.used)} of ${number(m.limit)}`;
        return (
          <li key={m.label}>
            <div className="flex items-baseline justify-between gap-2 text-sm">
              <span className="font-medium text-slate-800">{m.label}</span>
              <span className={m.limit !== null && share >= 1 ? "font-semibold text-red-700" : "text-slate-600"}>{text}</span>
            </div>
            <div
              role="meter"
              aria-label={m.label}
              aria-valuemin={0}
              aria-valuemax={m.limit ?? Math.max(m.used, 1)}
              aria-valuenow={m.used}
              aria-valuetext={text}
              className="mt-1.5 h-2 overflow-hidden rounded-full bg-slate-100"
            >
              <div className={`h-full rounded-full ${tone}`} style={{ width: `${m.limit === null ? 0 : Math.max(share * 100, m.used ? 2 : 0)}%` }} />
            </div>
            {m.hint ? <p className="mt-1 text-xs text-slate-500">{m.hint}</p> : null}
            {m.limit !== null && share >= 1 ? <p className="mt-1 text-xs text-red-700">Limit reached: upgrade for more.</p> : null}
          </li>
        );
      })}
    </ul>
  );
}

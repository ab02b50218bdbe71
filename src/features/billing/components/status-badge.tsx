const LABELS: Record<string, { label: string; tone: string }> = {
  active: { label: "Active", tone: "bg-emerald-50 text-emerald-800 ring-emerald-200" },
  trialing: { label: "Trial", tone: "bg-sky-50 text-sky-800 ring-sky-200" },
  past_due: { label: "Payment past due", tone: "bg-red-50 text-red-800 ring-red-200" },
  unpaid: { label: "Unpaid", tone: "bg-red-50 text-red-800 ring-red-200" },
  paused: { label: "Paused", tone: "bg-amber-50 text-amber-900 ring-amber-200" },
  canceled: { label: "Ended", tone: "bg-slate-100 text-slate-700 ring-slate-300" },
  incomplete: { label: "Awaiting payment", tone: "bg-amber-50 text-amber-900 ring-amber-200" },
  incomplete_expired: { label: "Payment not completed", tone: "bg-slate-100 text-slate-700 ring-slate-300" },
};

export function StatusBadge({ status, ending }: { status: string; ending?: boolean }) {
  const { label, tone } = ending ? { label: "Cancels at period end", tone: "bg-amber-50 text-amber-900 ring-amber-200" } : (LABELS[status] ?? { label: status, tone: "bg-slate-100 text-slate-700 ring-slate-300" });
  return <span className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset ${tone}`}>{label}</span>;
}

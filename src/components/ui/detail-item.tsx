/** One labelled fact in a record's details list (<dl>); a missing value shows as a dash. */
export function DetailItem({ label, children, className }: { label: string; children?: React.ReactNode; className?: string }) {
  return (
    <div className={className}>
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="text-sm">{children ?? "—"}</dd>
    </div>
  );
}

/** One filter of a list's GET search form: a labelled select whose first choice means "any". */
export function FilterSelect({ name, label, value, options, anyLabel = "Any" }: {
  name: string;
  label: string;
  value: string | undefined;
  options: readonly { value: string; label: string }[];
  /** The empty choice; null when the filter always has a value. */
  anyLabel?: string | null;
}) {
  return (
    <div>
      <label htmlFor={name} className="mb-1 block text-sm font-medium text-slate-700">{label}</label>
      <select id={name} name={name} defaultValue={value ?? ""} className="input">
        {anyLabel !== null ? <option value="">{anyLabel}</option> : null}
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </div>
  );
}

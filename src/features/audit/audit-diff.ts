// An audit entry's old and new values as the fields that changed, for people to read.
export interface FieldChange { field: string; before: string | null; after: string | null }

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** A value as one line of text: strings as they are, the rest as JSON. */
export function showValue(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

/**
 * The fields whose value differs between `oldValues` and `newValues` (a creation has only new
 * values, a deletion only old ones), in the order they first appear. Values that are not
 * objects are shown as one field called "value".
 */
export function diffValues(oldValues: unknown, newValues: unknown): FieldChange[] {
  const before = isRecord(oldValues) ? oldValues : oldValues == null ? {} : { value: oldValues };
  const after = isRecord(newValues) ? newValues : newValues == null ? {} : { value: newValues };
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return fields
    .map((field) => ({ field, before: showValue(before[field]), after: showValue(after[field]) }))
    .filter((c) => c.before !== c.after);
}

export type RawSearchParams = Record<string, string | string[] | undefined>;

/** Next's searchParams as plain strings: first value of each key, blanks dropped. */
export function plainParams(params: RawSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined && first !== "") out[key] = first;
  }
  return out;
}

/** The list URL with some parameters changed (undefined or "" removes one). */
export function listHref(path: string, current: Record<string, string>, changes: Record<string, string | number | undefined>): string {
  const next = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...current, ...changes })) {
    if (value !== undefined && value !== "") next.set(key, String(value));
  }
  const qs = next.toString();
  return qs ? `${path}?${qs}` : path;
}

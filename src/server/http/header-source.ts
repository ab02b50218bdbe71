/** Request headers as Web `Headers` (route handlers, `headers()`) or a plain object (next-auth's `req.headers`). */
export type HeaderSource = { get(name: string): string | null } | Record<string, string | string[] | undefined>;

/** One header's value (the first, when a plain object holds several); names are lower case. */
export function headerValue(headers: HeaderSource, name: string): string | null {
  if (typeof (headers as { get?: unknown }).get === "function") return (headers as { get(n: string): string | null }).get(name);
  const value = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

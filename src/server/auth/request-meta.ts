import type { RequestMeta } from "@/server/request-meta";

type HeaderSource = { get(name: string): string | null } | Record<string, string | string[] | undefined>;

function header(headers: HeaderSource, name: string): string | null {
  if (typeof (headers as { get?: unknown }).get === "function") return (headers as { get(n: string): string | null }).get(name);
  const value = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

/** Client IP and user agent as the reverse proxy in front of Next reports them. */
export function requestMeta(headers: HeaderSource): RequestMeta {
  const forwarded = header(headers, "x-forwarded-for")?.split(",")[0]?.trim();
  const ip = forwarded || header(headers, "x-real-ip") || null;
  return { ip: ip ? ip.slice(0, 64) : null, userAgent: header(headers, "user-agent")?.slice(0, 1000) ?? null };
}

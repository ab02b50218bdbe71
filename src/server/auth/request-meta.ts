import { type HeaderSource, headerValue } from "@/server/http/header-source";
import { clientAddress } from "@/server/http/client-address";
import type { RequestMeta } from "@/server/request-meta";

/**
 * The client's IP (the socket's, or what trusted proxies report: src/server/http/client-address.ts)
 * and user agent, as audit rows, security events and throttles record them.
 */
export function requestMeta(headers: HeaderSource): RequestMeta {
  return { ip: clientAddress(headers), userAgent: headerValue(headers, "user-agent")?.slice(0, 1000) ?? null };
}

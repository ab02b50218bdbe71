import { type HeaderSource, headerValue } from "./header-source";
import { clientAddress, isLoopbackAddress, normalizeAddress, peerAddress, trustedProxies } from "./client-address";

/**
 * True only for a request made on this machine: its client address (the socket's, or what
 * trusted proxies report) is loopback. A reverse proxy on this machine that is not listed in
 * TRUSTED_PROXIES connects from loopback too, but relays for others: a request from an untrusted
 * peer that carries forwarding headers of its own is not counted as local.
 */
export function isLocalRequest(headers: HeaderSource): boolean {
  if (!isLoopbackAddress(clientAddress(headers))) return false;
  const peer = peerAddress(headers);
  if (!peer || trustedProxies().has(peer)) return true;
  // Next.js fills in X-Forwarded-For with the socket's address when the request brought none.
  const forwarded = (headerValue(headers, "x-forwarded-for") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  if (forwarded.some((hop) => normalizeAddress(hop) !== peer)) return false;
  return !headerValue(headers, "forwarded") && !headerValue(headers, "x-real-ip");
}

// Same-origin checks compare whole origins (scheme, host and port), parsed, against the app's
// own: NEXTAUTH_URL's origin, the one address the app is configured to be reached at.
import { type HeaderSource, headerValue } from "./header-source";

/** NEXTAUTH_URL's origin; without it (a bare development setup), what the request was addressed to. */
export function appOrigin(headers: HeaderSource): string | null {
  const configured = process.env.NEXTAUTH_URL;
  if (configured) {
    try {
      return new URL(configured).origin;
    } catch {
      return null;
    }
  }
  const host = headerValue(headers, "x-forwarded-host") ?? headerValue(headers, "host");
  const scheme = (headerValue(headers, "x-forwarded-proto") ?? "http").split(",")[0]!.trim();
  if (!host) return null;
  try {
    return new URL(`${scheme}://${host}`).origin;
  } catch {
    return null;
  }
}

/**
 * Refuses requests a browser sent from anywhere but our own origin: mutations must come from
 * it. Requests without Origin (curl, server-to-server) carry no ambient cookies worth forging
 * and are allowed; GET and HEAD change nothing.
 */
export function isCrossSiteRequest(request: Request): boolean {
  if (request.method === "GET" || request.method === "HEAD") return false;
  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite === "cross-site" || fetchSite === "same-site") return true;
  const origin = request.headers.get("origin");
  if (origin === null) return false;
  const ours = appOrigin(request.headers);
  if (!ours) return true;
  try {
    return new URL(origin).origin !== ours;
  } catch {
    return true;
  }
}

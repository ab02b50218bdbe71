import { sessionFromCookies } from "@/server/auth/session";
import { requestMeta } from "@/server/auth/request-meta";
import type { Context } from "./trpc";

type CookieJar = { get(name: string): { value: string } | undefined };

export async function createContext(opts: { headers: Headers; cookies: CookieJar; orgSlug?: string | null }): Promise<Context> {
  return {
    session: await sessionFromCookies(opts.cookies),
    meta: requestMeta(opts.headers),
    orgSlug: opts.orgSlug ?? opts.headers.get("x-parley-org"),
  };
}

/**
 * Refuses requests a browser sent from another site: mutations must come from our own
 * origin. Requests without Origin (curl, server-to-server) carry no ambient cookies worth
 * forging and are allowed.
 */
export function isCrossSiteRequest(request: Request): boolean {
  if (request.method === "GET" || request.method === "HEAD") return false;
  if (request.headers.get("sec-fetch-site") === "cross-site") return true;
  const origin = request.headers.get("origin");
  if (!origin) return false;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

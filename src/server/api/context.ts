import { cookies } from "next/headers";
import { sessionFromCookies } from "@/server/auth/session";
import { requestMeta } from "@/server/auth/request-meta";
import type { ApiKeyPrincipal } from "@/server/db/system/api-keys";
import { authenticateBearer, bearerToken } from "./api-key-auth";
import type { Context } from "./trpc";

type CookieJar = { get(name: string): { value: string } | undefined };

export async function createContext(opts: { headers: Headers; cookies: CookieJar; orgSlug?: string | null; apiKey?: ApiKeyPrincipal }): Promise<Context> {
  return {
    // A request with an API key is that key's, whatever cookies came along.
    session: opts.apiKey ? null : await sessionFromCookies(opts.cookies),
    apiKey: opts.apiKey ?? null,
    meta: requestMeta(opts.headers),
    orgSlug: opts.orgSlug ?? opts.headers.get("x-parley-org"),
  };
}

// The origin check moved to src/server/http/origin.ts (whole origins, against NEXTAUTH_URL's).
export { isCrossSiteRequest } from "@/server/http/origin";

/**
 * Who an HTTP request (the tRPC route, withOrgRoute) acts as, first step: its API key when it
 * sends one (Authorization: Bearer), or the response refusing the key (401, 429).
 */
export async function apiKeyOf(request: Request): Promise<{ apiKey?: ApiKeyPrincipal } | { response: Response }> {
  const token = bearerToken(request.headers);
  if (!token) return {};
  const auth = await authenticateBearer(token);
  return "response" in auth ? auth : { apiKey: auth.principal };
}

/** Second step: the context, with the key, or else the session cookie (cookies are ignored with a key). */
export async function contextForRequest(request: Request, apiKey: ApiKeyPrincipal | undefined, orgSlug: string | null = null): Promise<Context> {
  const jar = apiKey ? { get: () => undefined } : await cookies();
  return createContext({ headers: request.headers, cookies: jar, orgSlug, apiKey });
}

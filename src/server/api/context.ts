import { sessionFromCookies } from "@/server/auth/session";
import { requestMeta } from "@/server/auth/request-meta";
import type { ApiKeyPrincipal } from "@/server/db/system/api-keys";
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

import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { cookies } from "next/headers";
import { authenticateBearer, bearerToken } from "@/server/api/api-key-auth";
import { createContext, isCrossSiteRequest } from "@/server/api/context";
import { appRouter } from "@/server/api/root";
import type { ApiKeyPrincipal } from "@/server/db/system/api-keys";

async function handle(request: Request) {
  if (isCrossSiteRequest(request)) {
    return Response.json({ error: { message: "Cross-site requests are not allowed" } }, { status: 403 });
  }
  // An API key stands in for the session cookie (and cookies are then ignored).
  const token = bearerToken(request.headers);
  let apiKey: ApiKeyPrincipal | undefined;
  if (token) {
    const auth = await authenticateBearer(token);
    if ("response" in auth) return auth.response;
    apiKey = auth.principal;
  }
  const jar = apiKey ? { get: () => undefined } : await cookies();
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext: () => createContext({ headers: request.headers, cookies: jar, apiKey }),
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`tRPC ${path ?? "?"} failed:`, error.cause ?? error);
    },
  });
}

export { handle as GET, handle as POST };

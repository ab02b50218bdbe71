import { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { cookies } from "next/headers";
import { authenticateBearer, bearerToken } from "@/server/api/api-key-auth";
import { createContext, isCrossSiteRequest } from "@/server/api/context";
import { appRouter } from "@/server/api/root";
import type { ApiKeyPrincipal } from "@/server/db/system/api-keys";
import { MAX_API_BODY_BYTES, formatLimit, limitRequestBody } from "@/server/http/body-limit";

// Read with a byte count before tRPC parses it (src/server/http/body-limit.ts): over the limit,
// tRPC answers 413 in its own error shape.
const bodyTooLarge = () =>
  new TRPCError({ code: "PAYLOAD_TOO_LARGE", message: `Request body too large: at most ${formatLimit(MAX_API_BODY_BYTES)} is accepted (CSV files are uploaded to /api/imports).` });

async function handle(incoming: Request) {
  const request = limitRequestBody(incoming, MAX_API_BODY_BYTES, bodyTooLarge);
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

import { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { apiKeyOf, contextForRequest, isCrossSiteRequest } from "@/server/api/context";
import { appRouter } from "@/server/api/root";
import { withRouteErrors } from "@/server/api/route-errors";
import { MAX_API_BODY_BYTES, formatLimit, limitRequestBody } from "@/server/http/body-limit";

// Read with a byte count before tRPC parses it (src/server/http/body-limit.ts): over the limit,
// tRPC answers 413 in its own error shape.
const bodyTooLarge = () =>
  new TRPCError({ code: "PAYLOAD_TOO_LARGE", message: `Request body too large: at most ${formatLimit(MAX_API_BODY_BYTES)} is accepted (CSV files are uploaded to /api/imports).` });

// Errors inside tRPC, the session check included, are shaped and logged by its errorFormatter
// (src/server/api/trpc.ts); withRouteErrors answers for what fails before it, such as checking
// an API key during a database outage.
const handle = withRouteErrors("tRPC", async (incoming: Request) => {
  const request = limitRequestBody(incoming, MAX_API_BODY_BYTES, bodyTooLarge);
  if (isCrossSiteRequest(request)) {
    return Response.json({ error: { message: "Cross-site requests are not allowed" } }, { status: 403 });
  }
  const key = await apiKeyOf(request);
  if ("response" in key) return key.response;
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext: () => contextForRequest(request, key.apiKey),
  });
});

export { handle as GET, handle as POST };

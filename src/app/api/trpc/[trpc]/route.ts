import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { apiKeyOf, contextForRequest, isCrossSiteRequest } from "@/server/api/context";
import { appRouter } from "@/server/api/root";
import { withRouteErrors } from "@/server/api/route-errors";

// Errors inside tRPC, the session check included, are shaped and logged by its errorFormatter
// (src/server/api/trpc.ts); withRouteErrors answers for what fails before it, such as checking
// an API key during a database outage.
const handle = withRouteErrors("tRPC", async (request: Request) => {
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

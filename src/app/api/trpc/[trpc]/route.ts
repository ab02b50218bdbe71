import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { cookies } from "next/headers";
import { createContext, isCrossSiteRequest } from "@/server/api/context";
import { appRouter } from "@/server/api/root";

async function handle(request: Request) {
  if (isCrossSiteRequest(request)) {
    return Response.json({ error: { message: "Cross-site requests are not allowed" } }, { status: 403 });
  }
  const jar = await cookies();
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext: () => createContext({ headers: request.headers, cookies: jar }),
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`tRPC ${path ?? "?"} failed:`, error.cause ?? error);
    },
  });
}

export { handle as GET, handle as POST };

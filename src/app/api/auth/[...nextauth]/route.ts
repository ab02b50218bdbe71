import NextAuth from "next-auth";
import { unstable_rethrow } from "next/navigation";
import { createAuthOptions } from "@/server/auth/options";
import { requestMeta } from "@/server/auth/request-meta";
import { signInFailureResponse, withOutageStatus } from "@/server/auth/sign-in-failure";
import { throttleSignIn } from "@/server/auth/throttle";

type RouteContext = { params: Promise<{ nextauth: string[] }> };

/** next-auth, with options that know who is asking (their IP and user agent go into the security log). */
const handle = (request: Request, context: RouteContext) => NextAuth(request as never, context as never, createAuthOptions(requestMeta(request.headers)));

export const GET = handle;

export async function POST(request: Request, context: RouteContext) {
  try {
    // Password and two-factor code attempts both arrive here, and both count against the IP.
    if (new URL(request.url).pathname.endsWith("/callback/credentials")) {
      const refused = await throttleSignIn(request);
      if (refused) return refused;
    }
    return await withOutageStatus(await handle(request, context));
  } catch (error) {
    // The database unreachable (or a bug) before or around next-auth: an answer the form shows.
    unstable_rethrow(error);
    return signInFailureResponse(request, error);
  }
}

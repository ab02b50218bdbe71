import NextAuth from "next-auth";
import { createAuthOptions } from "@/server/auth/options";
import { requestMeta } from "@/server/auth/request-meta";
import { throttleSignIn } from "@/server/auth/throttle";

type RouteContext = { params: Promise<{ nextauth: string[] }> };

/** next-auth, with options that know who is asking (their IP and user agent go into the security log). */
const handle = (request: Request, context: RouteContext) => NextAuth(request as never, context as never, createAuthOptions(requestMeta(request.headers)));

export const GET = handle;

export async function POST(request: Request, context: RouteContext) {
  // Password and two-factor code attempts both arrive here, and both count against the IP.
  if (new URL(request.url).pathname.endsWith("/callback/credentials")) {
    const refused = await throttleSignIn(request);
    if (refused) return refused;
  }
  return handle(request, context);
}

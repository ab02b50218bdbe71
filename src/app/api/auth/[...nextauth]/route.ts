import NextAuth from "next-auth";
import { authOptions } from "@/server/auth/options";
import { throttleSignIn } from "@/server/auth/throttle";

const handler = NextAuth(authOptions);

type RouteContext = { params: Promise<{ nextauth: string[] }> };

export const GET = handler;

export async function POST(request: Request, context: RouteContext) {
  if (new URL(request.url).pathname.endsWith("/callback/credentials")) {
    const refused = await throttleSignIn(request);
    if (refused) return refused;
  }
  return handler(request, context);
}

import NextAuth from "next-auth";
import { authOptions } from "@/server/auth/options";
import { ipSignInLimit } from "@/server/auth/policy";
import { requestMeta } from "@/server/auth/request-meta";
import { hitRateLimit } from "@/server/db/system";

const handler = NextAuth(authOptions);

type RouteContext = { params: Promise<{ nextauth: string[] }> };

export const GET = handler;

export async function POST(request: Request, context: RouteContext) {
  // Per-IP throttle on password attempts, answered before next-auth sees the request.
  if (new URL(request.url).pathname.endsWith("/callback/credentials")) {
    const { ip } = requestMeta(request.headers);
    const { limit, windowMs } = ipSignInLimit();
    const verdict = await hitRateLimit(`signin-ip:${ip ?? "unknown"}`, limit, windowMs);
    if (!verdict.allowed) {
      return Response.json(
        {
          error: "RateLimited",
          message: `Too many sign-in attempts. Try again in ${verdict.retryAfterSeconds} seconds.`,
          // next-auth's signIn() reads the error from this URL.
          url: new URL(`/login?error=RateLimited&retryAfter=${verdict.retryAfterSeconds}`, request.url).toString(),
        },
        { status: 429, headers: { "Retry-After": String(verdict.retryAfterSeconds) } },
      );
    }
  }
  return handler(request, context);
}

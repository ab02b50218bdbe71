import { hitRateLimit } from "@/server/db/rate-limits";
import { ipSignInLimit } from "./policy";
import { requestMeta } from "./request-meta";

/**
 * The per-IP limit on password attempts: a 429 with Retry-After once an address has used up
 * its window, or null to let the attempt through. Counted before the password is checked.
 */
export async function throttleSignIn(request: Request): Promise<Response | null> {
  const { ip } = requestMeta(request.headers);
  const { limit, windowMs } = ipSignInLimit();
  const verdict = await hitRateLimit(`signin-ip:${ip ?? "unknown"}`, limit, windowMs);
  if (verdict.allowed) return null;
  return Response.json(
    {
      error: "RateLimited",
      message: `Too many sign-in attempts. Try again in ${verdict.retryAfterSeconds} seconds.`,
      // next-auth's signIn() reads the error from this URL.
      url: new URL(`/login?error=RateLimited`, request.url).toString(),
    },
    { status: 429, headers: { "Retry-After": String(verdict.retryAfterSeconds) } },
  );
}

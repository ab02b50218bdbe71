import NextAuth from "next-auth";
import { cookies } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import { NextRequest } from "next/server";
import { deviceCookieHeader, deviceFromCookies } from "@/server/auth/device-cookie";
import { createAuthOptions } from "@/server/auth/options";
import { requestMeta } from "@/server/auth/request-meta";
import { signInFailureResponse, withOutageStatus } from "@/server/auth/sign-in-failure";
import { payloadTooLarge, readBodyUpTo } from "@/server/http/body-limit";

type RouteContext = { params: Promise<{ nextauth: string[] }> };

/** Sign-in forms are a few fields: far below this. */
const MAX_AUTH_BODY_BYTES = 64 * 1024;

const secureCookies = () => (process.env.NEXTAUTH_URL ?? "").startsWith("https://");

/**
 * next-auth, with options that know who is asking (their IP and user agent go into the security
 * log, their device cookie picks the throttle budget: src/server/auth/throttle.ts). A request
 * that signs someone in gives the browser a device cookie for that account.
 */
async function handle(request: NextRequest, context: RouteContext): Promise<Response> {
  const outcome: { signedIn?: string; retryAfterSeconds?: number } = {};
  const options = createAuthOptions(requestMeta(request.headers), {
    device: deviceFromCookies(await cookies()),
    onSignedIn: (userId) => (outcome.signedIn = userId),
    onThrottled: (seconds) => (outcome.retryAfterSeconds = seconds),
  });
  const response: Response = await NextAuth(request as never, context as never, options);
  const headers = new Headers(response.headers);
  if (outcome.signedIn) headers.append("Set-Cookie", deviceCookieHeader(outcome.signedIn, secureCookies()));
  // next-auth answers every refusal of the form's (JSON) sign-in with 401; a throttled one is a
  // 429 with Retry-After. The body is unchanged: the form reads the reason and the wait from
  // next-auth's error ("Throttled:30"). Redirects (a sign-in posted without JavaScript) stay.
  const throttled = outcome.retryAfterSeconds && !headers.has("location") ? outcome.retryAfterSeconds : null;
  if (throttled) headers.set("Retry-After", String(throttled));
  return new Response(response.body, { status: throttled ? 429 : response.status, headers });
}

export async function GET(request: NextRequest, context: RouteContext) {
  return handle(request, context);
}

export async function POST(request: NextRequest, context: RouteContext) {
  // Read with a byte count before next-auth parses it (src/server/http/body-limit.ts).
  const body = await readBodyUpTo(request, MAX_AUTH_BODY_BYTES);
  if (!body) return payloadTooLarge(MAX_AUTH_BODY_BYTES);
  const bounded = new NextRequest(request.url, { method: "POST", headers: request.headers, body: body as BodyInit });
  try {
    return await withOutageStatus(await handle(bounded, context));
  } catch (error) {
    // The database unreachable (or a bug) around next-auth (signing out, the session check): an
    // answer the form shows, never server text.
    unstable_rethrow(error);
    return signInFailureResponse(request, error);
  }
}

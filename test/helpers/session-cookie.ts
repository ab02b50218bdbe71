// A real sign-in (a sessions row) and the next-auth session cookie a route handler would read,
// for tests that call route handlers directly with next/headers mocked.
import { encode } from "next-auth/jwt";
import { authenticate } from "@/server/auth/sign-in";
import { TEST_PASSWORD } from "./fixtures";

export async function sessionCookieFor(email: string, ip = "203.0.113.9"): Promise<{ cookie: string; sessionId: string }> {
  const signedIn = await authenticate(email, TEST_PASSWORD, { ip, userAgent: "vitest" });
  const cookie = await encode({ token: { sub: signedIn.userId, sid: signedIn.sessionId, st: signedIn.sessionToken }, secret: process.env.NEXTAUTH_SECRET! });
  return { cookie, sessionId: signedIn.sessionId };
}

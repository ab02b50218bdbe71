// The current session, read from the next-auth cookie and checked against the sessions table.
import { decode } from "next-auth/jwt";
import { sha256Hex } from "@/lib/tokens";
import { type ActiveSession, loadActiveSession } from "@/server/db/system/sessions";
import { DatabaseUnavailableError, isDatabaseUnreachable } from "@/server/db/unreachable";

const COOKIE_NAMES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

type CookieSource = { get(name: string): { value: string } | undefined };

export async function sessionFromCookies(cookies: CookieSource): Promise<ActiveSession | null> {
  const raw = COOKIE_NAMES.map((name) => cookies.get(name)?.value).find(Boolean);
  if (!raw || !process.env.NEXTAUTH_SECRET) return null;
  let token: Awaited<ReturnType<typeof decode>>;
  try {
    token = await decode({ token: raw, secret: process.env.NEXTAUTH_SECRET });
  } catch {
    return null;
  }
  if (!token || typeof token.sid !== "string" || typeof token.st !== "string") return null;
  // A database that cannot be reached says nothing about the session: the request fails with
  // the outage (503, the outage page) and the cookie stays, so the same browser is still
  // signed in once the database is back. Other failures are bugs, not a sign-out.
  const session = await loadActiveSession(token.sid, sha256Hex(token.st)).catch((error: unknown) => {
    throw isDatabaseUnreachable(error) ? new DatabaseUnavailableError(error) : error;
  });
  return session && session.user.id === token.sub ? session : null;
}

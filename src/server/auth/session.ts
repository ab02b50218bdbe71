// The current session, read from the next-auth cookie and checked against the sessions table.
import { decode } from "next-auth/jwt";
import { sha256Hex } from "@/lib/tokens";
import { type ActiveSession, loadActiveSession } from "@/server/db/system/sessions";

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
  const session = await loadActiveSession(token.sid, sha256Hex(token.st)).catch(() => null);
  return session && session.user.id === token.sub ? session : null;
}

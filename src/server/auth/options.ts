// next-auth (v4) with email + password, and Google / GitHub / Microsoft when configured. The
// JWT carries only the user id, the session id and a session secret; every request re-checks
// that session row (see ./session.ts), so sign-out, revocation, removal and deactivation take
// effect on the next request. Options are built per request so sign-ins record the client's
// IP and user agent, know the browser's device cookie (./device-cookie.ts), and tell the route
// who signed in (it then gives the browser a device cookie for that account).
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { safeRedirectTarget } from "@/lib/safe-redirect";
import type { RequestMeta } from "@/server/request-meta";
import { endSession } from "@/server/db/system/sessions";
import type { KnownDevice } from "./device-cookie";
import { unsafeTextProblem } from "@/lib/safe-text";
import { normalizeOAuthProfile, oauthProviders, signInWithOAuth } from "./oauth";
import { SESSION_MAX_AGE_SECONDS } from "./policy";
import { requestMeta } from "./request-meta";
import { type SignedIn, SignInError, authenticate, authenticateChallenge } from "./sign-in";
import { signInFailureCode } from "./sign-in-failure";

const field = (value: unknown, max: number) => String(value ?? "").slice(0, max);

export interface AuthRequest {
  /** The known device the request's device cookie names, if any. */
  device?: KnownDevice | null;
  /** Called when this request signed someone in. */
  onSignedIn?: (userId: string) => void;
  /** Called when this request was refused for a while (throttled): the route answers 429. */
  onThrottled?: (retryAfterSeconds: number) => void;
}

/**
 * Where next-auth may send the browser after signing in or out: a path on our own origin
 * (src/lib/safe-redirect.ts), never another site, and never an error for a malformed URL.
 */
export function authRedirect({ url, baseUrl }: { url: string; baseUrl: string }): string {
  return new URL(safeRedirectTarget(url, baseUrl), baseUrl).toString();
}

export function createAuthOptions(meta: RequestMeta = { ip: null, userAgent: null }, request: AuthRequest = {}): NextAuthOptions {
  return {
    secret: process.env.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: {
          email: { label: "Email", type: "email" },
          password: { label: "Password", type: "password" },
          // The second step: a two-factor code, with the password again or with the challenge
          // an OAuth sign-in left.
          code: { label: "Code", type: "text" },
          challenge: { label: "Challenge", type: "text" },
        },
        async authorize(credentials, req) {
          const email = field(credentials?.email, 400);
          const password = String(credentials?.password ?? "");
          const code = field(credentials?.code, 64);
          const challenge = field(credentials?.challenge, 200);
          const requestInfo = requestMeta(req.headers ?? {});
          const device = request.device ?? null;
          // An email (or code) PostgreSQL cannot even compare belongs to nobody.
          if ([email, code, challenge].some((value) => unsafeTextProblem(value))) return null;
          try {
            let signedIn: SignedIn;
            if (challenge) signedIn = await authenticateChallenge(challenge, code, requestInfo, device);
            else {
              if (!email || !password || password.length > 1024) return null;
              signedIn = await authenticate(email, password, requestInfo, code || undefined, device);
            }
            request.onSignedIn?.(signedIn.userId);
            return { id: signedIn.userId, sid: signedIn.sessionId, st: signedIn.sessionToken };
          } catch (error) {
            if (error instanceof SignInError) {
              if (error.reason === "CredentialsSignin") return null;
              if (error.retryAfterSeconds) request.onThrottled?.(error.retryAfterSeconds);
              // "Throttled:30": the form reads the reason and the wait from next-auth's error.
              throw new Error(error.message);
            }
            // next-auth puts the message in /login?error=…: a name the form knows, never server text.
            throw new Error(signInFailureCode(error, "sign-in (password)"));
          }
        },
      }),
      ...oauthProviders(),
    ],
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.type !== "oauth") return true; // credentials: authorize has decided
        let outcome: Awaited<ReturnType<typeof signInWithOAuth>>;
        try {
          outcome = await signInWithOAuth(
            { provider: account.provider, providerAccountId: account.providerAccountId, type: account.type },
            normalizeOAuthProfile(account.provider, (profile ?? {}) as Record<string, unknown>),
            meta,
          );
        } catch (error) {
          return `/login?error=${signInFailureCode(error, `sign-in (${account.provider})`)}`;
        }
        if (outcome.kind === "refused") return `/login?error=${outcome.reason}`;
        if (outcome.kind === "two-factor") return `/login/two-factor?challenge=${encodeURIComponent(outcome.challenge)}`;
        // The jwt callback below reads these off the same object.
        Object.assign(user, { id: outcome.userId, sid: outcome.sessionId, st: outcome.sessionToken });
        request.onSignedIn?.(outcome.userId);
        return true;
      },
      redirect: authRedirect,
      jwt({ token, user }) {
        if (user) {
          const signedIn = user as unknown as { id: string; sid?: string; st?: string };
          // Only a sign-in that opened a Parley session yields a usable token.
          return signedIn.sid && signedIn.st ? { sub: signedIn.id, sid: signedIn.sid, st: signedIn.st } : {};
        }
        return token;
      },
      session({ session, token }) {
        // What the browser may read: who is signed in, never the session secret.
        return { ...session, user: { id: token.sub } } as typeof session;
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sid === "string") await endSession(token.sid, meta);
      },
    },
  };
}

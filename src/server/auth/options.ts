// next-auth (v4) with email + password, and Google / GitHub / Microsoft when configured. The
// JWT carries only the user id, the session id and a session secret; every request re-checks
// that session row (see ./session.ts), so sign-out, revocation, removal and deactivation take
// effect on the next request. Options are built per request so sign-ins record the client's
// IP and user agent.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { unsafeTextProblem } from "@/lib/safe-text";
import { type RequestMeta, endSession } from "@/server/db/system";
import { normalizeOAuthProfile, oauthProviders, signInWithOAuth } from "./oauth";
import { SESSION_MAX_AGE_SECONDS } from "./policy";
import { requestMeta } from "./request-meta";
import { type SignedIn, SignInError, authenticate, authenticateChallenge } from "./sign-in";

const field = (value: unknown, max: number) => String(value ?? "").slice(0, max);

export function createAuthOptions(meta: RequestMeta = { ip: null, userAgent: null }): NextAuthOptions {
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
          // An email (or code) PostgreSQL cannot even compare belongs to nobody.
          if ([email, code, challenge].some((value) => unsafeTextProblem(value))) return null;
          try {
            let signedIn: SignedIn;
            if (challenge) signedIn = await authenticateChallenge(challenge, code, requestInfo);
            else {
              if (!email || !password || password.length > 1024) return null;
              signedIn = await authenticate(email, password, requestInfo, code || undefined);
            }
            return { id: signedIn.userId, sid: signedIn.sessionId, st: signedIn.sessionToken };
          } catch (error) {
            if (error instanceof SignInError) {
              if (error.reason === "CredentialsSignin") return null;
              throw new Error(error.reason);
            }
            throw error;
          }
        },
      }),
      ...oauthProviders(),
    ],
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.type !== "oauth") return true; // credentials: authorize has decided
        const outcome = await signInWithOAuth(
          { provider: account.provider, providerAccountId: account.providerAccountId, type: account.type },
          normalizeOAuthProfile(account.provider, (profile ?? {}) as Record<string, unknown>),
          meta,
        );
        if (outcome.kind === "refused") return `/login?error=${outcome.reason}`;
        if (outcome.kind === "two-factor") return `/login/two-factor?challenge=${encodeURIComponent(outcome.challenge)}`;
        // The jwt callback below reads these off the same object.
        Object.assign(user, { id: outcome.userId, sid: outcome.sessionId, st: outcome.sessionToken });
        return true;
      },
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

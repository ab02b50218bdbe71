// next-auth (v4) with email + password. The JWT carries only the user id, the session id and
// a session secret; every request re-checks that session row (see ./session.ts), so sign-out,
// revocation, removal and deactivation take effect on the next request.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { endSession } from "@/server/db/system";
import { SESSION_MAX_AGE_SECONDS } from "./policy";
import { requestMeta } from "./request-meta";
import { SignInError, authenticate } from "./sign-in";

export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const email = String(credentials?.email ?? "");
        const password = String(credentials?.password ?? "");
        if (!email || !password || password.length > 1024) return null;
        try {
          const signedIn = await authenticate(email, password, requestMeta(req.headers ?? {}));
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
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        const signedIn = user as unknown as { id: string; sid: string; st: string };
        return { sub: signedIn.id, sid: signedIn.sid, st: signedIn.st };
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
      if (typeof token?.sid === "string") await endSession(token.sid, { ip: null, userAgent: null });
    },
  },
};

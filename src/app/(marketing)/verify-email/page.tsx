import type { Metadata } from "next";
import Link from "next/link";
import { linkTokenSchema } from "@/features/auth/auth.schema";
import { ResendVerificationButton } from "@/features/account/components/resend-verification-button";
import { getSession, serverApi } from "@/trpc/server";

export const metadata: Metadata = { title: "Verify your email", referrer: "no-referrer" };

type Outcome = Awaited<ReturnType<Awaited<ReturnType<typeof serverApi>>["auth"]["confirmEmail"]>>;

function content(outcome: Outcome, signedIn: boolean): { title: string; body: React.ReactNode; tone: "ok" | "bad"; resend?: boolean } {
  switch (outcome.status) {
    case "verified":
      return { tone: "ok", title: "Your email is verified", body: <>Thanks! <strong>{outcome.email}</strong> is confirmed as your Parley email address.</> };
    case "already-verified":
      return { tone: "ok", title: "Your email is already verified", body: <><strong>{outcome.email}</strong> was confirmed earlier. There&apos;s nothing more to do.</> };
    case "changed":
      return { tone: "ok", title: "Your email address has changed", body: <>From now on, sign in to Parley with <strong>{outcome.email}</strong>. We&apos;ve let your old address know.</> };
    case "taken":
      return { tone: "bad", title: "That address is already in use", body: <><strong>{outcome.email}</strong> now belongs to another Parley account, so we couldn&apos;t move your account to it. Your email address hasn&apos;t changed.</> };
    case "expired":
      return { tone: "bad", resend: signedIn, title: "This link has expired", body: signedIn ? "Verification links work for 24 hours. Send yourself a new one." : "Verification links work for 24 hours. Sign in to send yourself a new one." };
    default:
      return { tone: "bad", resend: signedIn, title: "This link isn't valid", body: "It may have been used already, or replaced by a newer email from us. Use the most recent email we sent you." };
  }
}

/** Where the links in verification and email-change emails land (signed in or not). */
export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams;
  const parsed = linkTokenSchema.safeParse({ token });
  const [session, outcome] = await Promise.all([
    getSession(),
    parsed.success ? (await serverApi()).auth.confirmEmail(parsed.data) : Promise.resolve({ status: "invalid", email: null } as const),
  ]);
  const view = content(outcome, !!session);
  return (
    <div className="mx-auto max-w-md px-4 py-12">
      <div className="card p-6 sm:p-8" role="status">
        <div aria-hidden="true" className={`mb-4 flex h-12 w-12 items-center justify-center rounded-full text-xl ${view.tone === "ok" ? "bg-emerald-100 text-emerald-700" : "bg-amber-100 text-amber-700"}`}>
          {view.tone === "ok" ? "✓" : "!"}
        </div>
        <h1 className="text-2xl font-semibold">{view.title}</h1>
        <p className="mt-2 text-sm text-slate-600">{view.body}</p>
        <div className="mt-6 flex flex-wrap gap-3">
          {view.resend ? <ResendVerificationButton className="btn-primary" /> : null}
          <Link href={session ? "/dashboard" : "/login"} className={view.resend ? "btn-secondary" : "btn-primary"}>
            {session ? "Continue to Parley" : "Sign in"}
          </Link>
        </div>
      </div>
    </div>
  );
}

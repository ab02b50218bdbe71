import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { TwoFactorChallengeForm } from "@/features/auth/components/two-factor-challenge-form";
import { peekSession } from "@/trpc/server";

// The challenge in the address is single use and short lived; still, never send it onwards.
export const metadata: Metadata = { title: "Two-factor authentication", referrer: "no-referrer" };

/** After Google, GitHub or Microsoft: the code an account with two-factor authentication still needs. */
export default async function TwoFactorChallengePage({ searchParams }: { searchParams: Promise<{ challenge?: string | string[] }> }) {
  if (await peekSession()) redirect("/dashboard");
  const { challenge } = await searchParams;
  const value = typeof challenge === "string" && challenge.length <= 200 ? challenge : null;
  return (
    <div className="mx-auto max-w-md px-4 py-12">
      <div className="card p-6 sm:p-8">
        <h1 className="text-2xl font-semibold">Two-factor authentication</h1>
        {value ? (
          <>
            <p className="mt-1 text-sm text-slate-600">Your account is protected with two-factor authentication. Enter a code to finish signing in.</p>
            <div className="mt-6"><TwoFactorChallengeForm challenge={value} /></div>
          </>
        ) : (
          <div className="mt-4 space-y-4">
            <p className="text-sm text-slate-600">This sign-in link is incomplete. Start signing in again.</p>
            <Link href="/login" className="btn-primary w-full">Back to sign in</Link>
          </div>
        )}
      </div>
    </div>
  );
}

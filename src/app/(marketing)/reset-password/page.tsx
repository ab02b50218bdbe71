import type { Metadata } from "next";
import Link from "next/link";
import { ResetPasswordForm } from "@/features/auth/components/reset-password-form";
import { linkTokenSchema } from "@/features/auth/auth.schema";
import { serverApi } from "@/trpc/server";

// The token in the address must not leak to other sites through the Referer header.
export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams;
  const parsed = linkTokenSchema.safeParse({ token });
  const valid = parsed.success && (await (await serverApi()).auth.checkResetLink(parsed.data)).valid;
  return (
    <div className="mx-auto max-w-md px-4 py-12">
      <div className="card p-6 sm:p-8">
        {valid && parsed.success ? (
          <ResetPasswordForm token={parsed.data.token} />
        ) : (
          <div className="space-y-4">
            <h1 className="text-2xl font-semibold">This link has expired</h1>
            <p className="text-sm text-slate-600">
              Password reset links work once, for 1 hour, and only the newest one you asked for. Ask for a new link and use it within the hour.
            </p>
            <Link href="/forgot-password" className="btn-primary w-full">Ask for a new link</Link>
          </div>
        )}
      </div>
      <p className="mt-4 text-center text-sm text-slate-600">
        <Link href="/login" className="font-medium text-brand-700 underline">Back to sign in</Link>
      </p>
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { SignInForm } from "@/features/auth/components/sign-in-form";
import { configuredOAuthProviders } from "@/server/auth/oauth";
import { peekSession } from "@/trpc/server";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage() {
  if (await peekSession()) redirect("/dashboard");
  // Google, GitHub and Microsoft appear only when their client id and secret are configured.
  const providers = configuredOAuthProviders();
  return (
    <div className="mx-auto max-w-md px-4 py-12">
      <div className="card p-6 sm:p-8">
        <h1 className="text-2xl font-semibold">Sign in to Parley</h1>
        <div className="mt-6">
          <Suspense>
            <SignInForm providers={providers} />
          </Suspense>
        </div>
      </div>
      <p className="mt-4 text-center text-sm text-slate-600">
        New to Parley? <Link href="/signup" className="font-medium text-brand-700 underline">Create an account</Link>
      </p>
    </div>
  );
}

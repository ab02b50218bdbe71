import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SignUpForm } from "@/features/auth/components/sign-up-form";
import { peekSession } from "@/trpc/server";

export const metadata: Metadata = { title: "Create your account" };

export default async function SignUpPage() {
  if (await peekSession()) redirect("/dashboard");
  return (
    <div className="mx-auto max-w-md px-4 py-12">
      <div className="card p-8">
        <h1 className="text-2xl font-semibold">Create your Parley workspace</h1>
        <p className="mt-1 text-sm text-slate-600">Free to start. You&apos;ll be the owner of your organization.</p>
        <div className="mt-6">
          <SignUpForm />
        </div>
      </div>
      <p className="mt-4 text-center text-sm text-slate-600">
        Already have an account? <Link href="/login" className="font-medium text-brand-700 underline">Sign in</Link>
      </p>
    </div>
  );
}

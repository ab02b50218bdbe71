import type { Metadata } from "next";
import Link from "next/link";
import { ForgotPasswordForm } from "@/features/auth/components/forgot-password-form";

export const metadata: Metadata = { title: "Forgot your password?" };

export default function ForgotPasswordPage() {
  return (
    <div className="mx-auto max-w-md px-4 py-12">
      <div className="card p-6 sm:p-8">
        <ForgotPasswordForm />
      </div>
      <p className="mt-4 text-center text-sm text-slate-600">
        Remembered it? <Link href="/login" className="font-medium text-brand-700 underline">Sign in</Link>
      </p>
    </div>
  );
}

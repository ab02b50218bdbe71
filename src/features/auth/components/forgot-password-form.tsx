"use client";

import Link from "next/link";
import { useState } from "react";
import { Field, FormError } from "@/components/ui/field";
import { useHydrated } from "@/components/use-hydrated";
import { type FieldErrors, errorsFromServer, validate } from "@/lib/form-errors";
import { api } from "@/trpc/react";
import { forgotPasswordSchema } from "../auth.schema";

export function ForgotPasswordForm({ initialEmail = "" }: { initialEmail?: string }) {
  const hydrated = useHydrated();
  const request = api.auth.requestPasswordReset.useMutation();
  const [email, setEmail] = useState(initialEmail);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [sentTo, setSentTo] = useState<string | null>(null);

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    const checked = validate(forgotPasswordSchema, { email });
    if (checked.errors) return setErrors(checked.errors);
    setErrors({});
    try {
      await request.mutateAsync(checked.data);
      setSentTo(checked.data.email);
    } catch (error) {
      setErrors(errorsFromServer(error as Parameters<typeof errorsFromServer>[0]));
    }
  }

  if (sentTo) {
    return (
      <div role="status" className="space-y-4">
        <div aria-hidden="true" className="flex h-12 w-12 items-center justify-center rounded-full bg-emerald-100 text-xl text-emerald-700">✉</div>
        <h1 className="text-2xl font-semibold">Check your email</h1>
        <p className="text-sm text-slate-600">
          If there&apos;s a Parley account for <strong className="break-words text-slate-900">{sentTo}</strong>, we&apos;ve sent it a link to choose a new password. The link works for 1 hour.
        </p>
        <p className="text-sm text-slate-600">
          Nothing after a few minutes? Check your spam folder, or{" "}
          <button type="button" className="font-medium text-brand-700 underline" onClick={() => setSentTo(null)}>try again</button>.
        </p>
        <Link href="/login" className="btn-secondary w-full">Back to sign in</Link>
      </div>
    );
  }

  return (
    <>
      <h1 className="text-2xl font-semibold">Forgot your password?</h1>
      <p className="mt-1 text-sm text-slate-600">Enter the email you sign in with and we&apos;ll send you a link to choose a new password.</p>
      <form onSubmit={onSubmit} noValidate className="mt-6 space-y-4" aria-label="Reset your password">
        <FormError message={errors.form} />
        <Field label="Email" name="email" type="email" autoComplete="email" value={email}
          onChange={(e) => setEmail(e.target.value)} error={errors.email} required autoFocus />
        <button type="submit" className="btn-primary w-full" disabled={!hydrated || request.isPending}>
          {request.isPending ? "Sending…" : "Email me a reset link"}
        </button>
      </form>
    </>
  );
}

"use client";

import Link from "next/link";
import { useState } from "react";
import { Field, FormError } from "@/components/ui/field";
import { useHydrated } from "@/components/use-hydrated";
import { type FieldErrors, errorsFromServer, validate } from "@/lib/form-errors";
import { api } from "@/trpc/react";
import { resetPasswordFormSchema } from "../auth.schema";

export function ResetPasswordForm({ token }: { token: string }) {
  const hydrated = useHydrated();
  const reset = api.auth.resetPassword.useMutation();
  const [password, setPassword] = useState("");
  const [confirmPassword, setConfirmPassword] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [done, setDone] = useState<{ sessionsEnded: number } | null>(null);

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    const checked = validate(resetPasswordFormSchema, { password, confirmPassword });
    if (checked.errors) return setErrors(checked.errors);
    setErrors({});
    try {
      setDone(await reset.mutateAsync({ token, password }));
    } catch (error) {
      const fieldErrors = errorsFromServer(error as Parameters<typeof errorsFromServer>[0]);
      // A dead link is about the page, not a field the person can fix.
      setErrors(fieldErrors.token ? { form: fieldErrors.token } : fieldErrors);
    }
  }

  if (done) {
    return (
      <div role="status" className="space-y-4">
        <h1 className="text-2xl font-semibold">Your password has been changed</h1>
        <p className="text-sm text-slate-600">
          {done.sessionsEnded
            ? `For your security we signed you out everywhere (${done.sessionsEnded} ${done.sessionsEnded === 1 ? "session" : "sessions"}).`
            : "For your security, any other sessions were signed out."}{" "}
          Sign in with your new password.
        </p>
        <Link href="/login" className="btn-primary w-full">Sign in</Link>
      </div>
    );
  }

  return (
    <>
      <h1 className="text-2xl font-semibold">Choose a new password</h1>
      <p className="mt-1 text-sm text-slate-600">After this you&apos;ll be signed out everywhere, and can sign in with the new password.</p>
      <form onSubmit={onSubmit} noValidate className="mt-6 space-y-4" aria-label="Choose a new password">
        <FormError message={errors.form} />
        <Field label="New password" name="password" type="password" autoComplete="new-password" value={password}
          onChange={(e) => setPassword(e.target.value)} error={errors.password} required autoFocus
          hint="At least 8 characters; common passwords are refused." />
        <Field label="Confirm new password" name="confirmPassword" type="password" autoComplete="new-password" value={confirmPassword}
          onChange={(e) => setConfirmPassword(e.target.value)} error={errors.confirmPassword} required />
        <button type="submit" className="btn-primary w-full" disabled={!hydrated || reset.isPending}>
          {reset.isPending ? "Saving…" : "Set new password"}
        </button>
        {errors.form ? <p className="text-center text-sm"><Link href="/forgot-password" className="font-medium text-brand-700 underline">Ask for a new link</Link></p> : null}
      </form>
    </>
  );
}

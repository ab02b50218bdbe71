"use client";

import { useState } from "react";
import { Field, FormError } from "@/components/ui/field";
import { useHydrated } from "@/components/use-hydrated";
import { type FieldErrors, errorsFromServer, validate } from "@/lib/form-errors";
import { api } from "@/trpc/react";
import { changePasswordFormSchema } from "../account.schema";

const EMPTY = { currentPassword: "", newPassword: "", confirmPassword: "" };

export function PasswordSettings({ hasPassword, oauthProviders }: { hasPassword: boolean; oauthProviders: string[] }) {
  const hydrated = useHydrated();
  const change = api.account.changePassword.useMutation();
  const setupLink = api.account.sendPasswordSetupLink.useMutation();
  const [values, setValues] = useState(EMPTY);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [done, setDone] = useState<string | null>(null);
  const set = (key: keyof typeof EMPTY) => (e: React.ChangeEvent<HTMLInputElement>) => setValues({ ...values, [key]: e.target.value });

  if (!hasPassword) {
    return (
      <div className="space-y-3 text-sm text-slate-600">
        <p>
          You sign in with {oauthProviders.length ? oauthProviders.join(" or ") : "a connected account"}, so your account has no Parley password.
          Want one as well? We&apos;ll email you a link to set it.
        </p>
        <button type="button" className="btn-secondary" disabled={!hydrated || setupLink.isPending || setupLink.isSuccess}
          onClick={() => setupLink.mutate()}>
          {setupLink.isSuccess ? "Link sent" : setupLink.isPending ? "Sending…" : "Email me a link to set a password"}
        </button>
        <p role="status">{setupLink.isSuccess ? `Sent to ${setupLink.data.sentTo}. The link works for 1 hour.` : setupLink.error?.message}</p>
      </div>
    );
  }

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    setDone(null);
    const checked = validate(changePasswordFormSchema, values);
    if (checked.errors) return setErrors(checked.errors);
    setErrors({});
    try {
      const { sessionsEnded } = await change.mutateAsync({ currentPassword: values.currentPassword, newPassword: values.newPassword });
      setValues(EMPTY);
      setDone(`Password changed.${sessionsEnded ? ` We signed you out of ${sessionsEnded} other ${sessionsEnded === 1 ? "session" : "sessions"}.` : ""}`);
    } catch (error) {
      setErrors(errorsFromServer(error as Parameters<typeof errorsFromServer>[0]));
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Change password">
      <FormError message={errors.form} />
      <Field label="Current password" name="currentPassword" type="password" autoComplete="current-password"
        value={values.currentPassword} onChange={set("currentPassword")} error={errors.currentPassword} required />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="New password" name="newPassword" type="password" autoComplete="new-password"
          value={values.newPassword} onChange={set("newPassword")} error={errors.newPassword} required
          hint="At least 8 characters; common passwords are refused." />
        <Field label="Confirm new password" name="confirmPassword" type="password" autoComplete="new-password"
          value={values.confirmPassword} onChange={set("confirmPassword")} error={errors.confirmPassword} required />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className="btn-primary" disabled={!hydrated || change.isPending}>{change.isPending ? "Saving…" : "Change password"}</button>
        <p role="status" className="text-sm text-emerald-700">{done}</p>
      </div>
      <p className="text-xs text-slate-500">Changing your password signs you out everywhere else; this device stays signed in.</p>
    </form>
  );
}

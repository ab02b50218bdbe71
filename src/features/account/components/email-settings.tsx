"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Field, FormError } from "@/components/ui/field";
import { useHydrated } from "@/components/use-hydrated";
import { formatDateTime } from "@/lib/dates";
import { type FieldErrors, errorsFromServer, validate } from "@/lib/form-errors";
import { api } from "@/trpc/react";
import { changeEmailSchema } from "../account.schema";
import { ResendVerificationButton } from "./resend-verification-button";

interface Props {
  email: string;
  emailVerified: boolean;
  hasPassword: boolean;
  pendingEmail: { email: string; expiresAt: Date } | null;
}

export function EmailSettings({ email, emailVerified, hasPassword, pendingEmail }: Props) {
  const router = useRouter();
  const hydrated = useHydrated();
  const change = api.account.requestEmailChange.useMutation();
  const cancel = api.account.cancelEmailChange.useMutation();
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState({ newEmail: "", currentPassword: "" });
  const [errors, setErrors] = useState<FieldErrors>({});

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    const checked = validate(changeEmailSchema, values);
    if (checked.errors) return setErrors(checked.errors);
    if (hasPassword && !values.currentPassword) return setErrors({ currentPassword: "Enter your current password" });
    setErrors({});
    try {
      await change.mutateAsync(checked.data);
      setOpen(false);
      setValues({ newEmail: "", currentPassword: "" });
      router.refresh();
    } catch (error) {
      setErrors(errorsFromServer(error as Parameters<typeof errorsFromServer>[0]));
    }
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium break-words">{email}</span>
        {emailVerified ? (
          <span className="rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-800">Verified</span>
        ) : (
          <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-800">Not verified</span>
        )}
      </div>
      {!emailVerified ? (
        <p className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
          Check your inbox for our verification link. <ResendVerificationButton className="font-medium text-brand-700 underline" />
        </p>
      ) : null}
      {pendingEmail ? (
        <div role="status" className="rounded-md border border-brand-100 bg-brand-50 p-3 text-sm text-slate-800">
          <p>
            We sent a confirmation link to <strong className="break-words">{pendingEmail.email}</strong>. Your sign-in email changes once you open it
            (it works until {formatDateTime(new Date(pendingEmail.expiresAt))}).
          </p>
          <button type="button" className="mt-2 font-medium text-brand-700 underline" disabled={!hydrated || cancel.isPending}
            onClick={() => cancel.mutate(undefined, { onSuccess: () => router.refresh() })}>
            Cancel this change
          </button>
        </div>
      ) : null}
      {open ? (
        <form onSubmit={onSubmit} noValidate className="space-y-4 rounded-md border border-slate-200 p-4" aria-label="Change email address">
          <FormError message={errors.form} />
          <Field label="New email address" name="newEmail" type="email" autoComplete="email" value={values.newEmail}
            onChange={(e) => setValues({ ...values, newEmail: e.target.value })} error={errors.newEmail} required autoFocus
            hint="We'll send a link to this address. Nothing changes until you open it." />
          {hasPassword ? (
            <Field label="Current password" name="currentPassword" type="password" autoComplete="current-password" value={values.currentPassword}
              onChange={(e) => setValues({ ...values, currentPassword: e.target.value })} error={errors.currentPassword} required />
          ) : null}
          <div className="flex flex-wrap gap-2">
            <button type="submit" className="btn-primary" disabled={!hydrated || change.isPending}>{change.isPending ? "Sending…" : "Send confirmation link"}</button>
            <button type="button" className="btn-secondary" onClick={() => { setOpen(false); setErrors({}); }}>Cancel</button>
          </div>
        </form>
      ) : (
        <button type="button" className="btn-secondary" disabled={!hydrated} onClick={() => setOpen(true)}>Change email address</button>
      )}
    </div>
  );
}

"use client";

import { signIn } from "next-auth/react";
import { useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { Field, FormError } from "@/components/ui/field";
import { type FieldErrors, validate } from "@/lib/form-errors";
import { signInSchema } from "../auth.schema";

const MESSAGES: Record<string, string> = {
  CredentialsSignin: "That email and password don't match an account.",
  AccountLocked: "Too many failed attempts. This account is locked for 15 minutes; try again later.",
  AccountDisabled: "This account has been deactivated. Ask an administrator of your organization.",
  RateLimited: "Too many sign-in attempts from your network. Wait a few minutes, then try again.",
};

const messageFor = (error: string) => MESSAGES[error] ?? "Sign-in failed. Try again.";

/** Only same-site paths are followed after sign-in, never another origin. */
function safeCallback(url: string | null): string {
  return url && url.startsWith("/") && !url.startsWith("//") ? url : "/dashboard";
}

export function SignInForm() {
  const router = useRouter();
  const params = useSearchParams();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<FieldErrors>(() => {
    const error = params.get("error");
    return error ? { form: messageFor(error) } : {};
  });
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    const checked = validate(signInSchema, { email, password });
    if (checked.errors) return setErrors(checked.errors);
    setErrors({});
    setBusy(true);
    const result = await signIn("credentials", { email: checked.data.email, password, redirect: false });
    if (!result || result.error || !result.ok) {
      setBusy(false);
      return setErrors({ form: messageFor(result?.error ?? (result?.status === 429 ? "RateLimited" : "Unknown")) });
    }
    router.push(safeCallback(params.get("callbackUrl")));
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Sign in">
      <FormError message={errors.form} />
      <Field label="Email" name="email" type="email" autoComplete="email" value={email}
        onChange={(e) => setEmail(e.target.value)} error={errors.email} required autoFocus />
      <Field label="Password" name="password" type="password" autoComplete="current-password" value={password}
        onChange={(e) => setPassword(e.target.value)} error={errors.password} required />
      <button type="submit" className="btn-primary w-full" disabled={busy}>
        {busy ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}

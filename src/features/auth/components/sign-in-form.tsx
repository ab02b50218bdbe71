"use client";

import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { Field, FormError } from "@/components/ui/field";
import { type FieldErrors, validate } from "@/lib/form-errors";
import { safeRedirectTarget } from "@/lib/safe-redirect";
import { secondFactorCodeSchema, signInSchema } from "../auth.schema";
import { type OAuthProviderOption, OAuthButtons } from "./oauth-buttons";
import { signInMessage } from "./sign-in-messages";
import { SecondFactorFields } from "./second-factor-fields";

/**
 * Email and password first; when the server answers that the account uses two-factor
 * authentication (only ever after the right password), the same form asks for the code and
 * sends both again. Nothing about the account is kept between the steps but this page's state.
 */
export function SignInForm({ providers = [] }: { providers?: OAuthProviderOption[] }) {
  const router = useRouter();
  const params = useSearchParams();
  // Followed only to a path on this site (src/lib/safe-redirect.ts). Used in event handlers, so
  // the server render's stand-in origin never matters.
  const callbackUrl = safeRedirectTarget(params.get("callbackUrl"), typeof window === "undefined" ? "http://localhost" : window.location.origin, "/dashboard");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [step, setStep] = useState<"password" | "code">("password");
  const [errors, setErrors] = useState<FieldErrors>(() => {
    const error = params.get("error");
    return error ? { form: signInMessage(error) } : {};
  });
  const [busy, setBusy] = useState(false);

  async function submit(signInEmail: string, secondFactor?: string) {
    setBusy(true);
    const result = await signIn("credentials", { email: signInEmail, password, code: secondFactor ?? "", redirect: false });
    if (result?.ok && !result.error) {
      router.push(callbackUrl);
      router.refresh();
      return;
    }
    setBusy(false);
    const error = result?.error ?? (result?.status === 429 ? "RateLimited" : "Unknown");
    if (error === "TwoFactorRequired") {
      setStep("code");
      setErrors({});
      return;
    }
    if (step === "code" && error !== "TwoFactorInvalid") {
      // Locked, disabled or throttled: start over from the password.
      setStep("password");
      setPassword("");
      setCode("");
    }
    setErrors(error === "TwoFactorInvalid" ? { code: signInMessage(error) } : { form: signInMessage(error) });
  }

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    if (step === "password") {
      const checked = validate(signInSchema, { email, password });
      if (checked.errors) return setErrors(checked.errors);
      setErrors({});
      setEmail(checked.data.email);
      return submit(checked.data.email);
    }
    const checked = secondFactorCodeSchema.safeParse(code);
    if (!checked.success) return setErrors({ code: checked.error.issues[0]?.message });
    setErrors({});
    return submit(email, checked.data);
  }

  function startOver() {
    setStep("password");
    setPassword("");
    setCode("");
    setErrors({});
  }

  if (step === "code") {
    return (
      <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Two-factor authentication">
        <div>
          <h2 className="text-lg font-semibold">Two-factor authentication</h2>
          <p className="mt-1 text-sm text-slate-600">Signing in as <span className="font-medium text-slate-800">{email}</span>.</p>
        </div>
        <FormError message={errors.form} />
        <SecondFactorFields code={code} onChange={setCode} error={errors.code} />
        <button type="submit" className="btn-primary w-full" disabled={busy}>{busy ? "Verifying…" : "Verify"}</button>
        <button type="button" className="w-full text-center text-sm text-slate-600 underline hover:text-slate-900" onClick={startOver}>
          Sign in as someone else
        </button>
      </form>
    );
  }

  return (
    <div className="space-y-6">
      <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Sign in">
        <FormError message={errors.form} />
        <Field label="Email" name="email" type="email" autoComplete="email" value={email}
          onChange={(e) => setEmail(e.target.value)} error={errors.email} required autoFocus />
        <div>
          <Field label="Password" name="password" type="password" autoComplete="current-password" value={password}
            onChange={(e) => setPassword(e.target.value)} error={errors.password} required />
          <p className="mt-1 text-right text-sm">
            <Link href="/forgot-password" className="font-medium text-brand-700 underline">Forgot password?</Link>
          </p>
        </div>
        <button type="submit" className="btn-primary w-full" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
      <OAuthButtons providers={providers} callbackUrl={callbackUrl} />
    </div>
  );
}

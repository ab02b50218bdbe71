"use client";

import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormError } from "@/components/ui/field";
import { secondFactorCodeSchema } from "../auth.schema";
import { SecondFactorFields } from "./second-factor-fields";
import { signInMessage } from "./sign-in-messages";

/** The second step after Google, GitHub or Microsoft, for an account with two-factor authentication on. */
export function TwoFactorChallengeForm({ challenge }: { challenge: string }) {
  const router = useRouter();
  const [code, setCode] = useState("");
  const [errors, setErrors] = useState<{ code?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);
  const [expired, setExpired] = useState(false);

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    const checked = secondFactorCodeSchema.safeParse(code);
    if (!checked.success) return setErrors({ code: checked.error.issues[0]?.message });
    setErrors({});
    setBusy(true);
    const result = await signIn("credentials", { challenge, code: checked.data, redirect: false });
    if (result?.ok && !result.error) {
      router.push("/dashboard");
      router.refresh();
      return;
    }
    setBusy(false);
    const error = result?.error ?? (result?.status === 429 ? "RateLimited" : "Unknown");
    if (error === "TwoFactorInvalid") return setErrors({ code: signInMessage(error) });
    setExpired(error === "TwoFactorExpired" || error === "AccountDisabled");
    setErrors({ form: signInMessage(error) });
  }

  if (expired) {
    return (
      <div className="space-y-4">
        <FormError message={errors.form} />
        <Link href="/login" className="btn-primary w-full">Back to sign in</Link>
      </div>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Two-factor authentication">
      <FormError message={errors.form} />
      <SecondFactorFields code={code} onChange={setCode} error={errors.code} />
      <button type="submit" className="btn-primary w-full" disabled={busy}>{busy ? "Verifying…" : "Verify"}</button>
      <p className="text-center text-sm"><Link href="/login" className="text-slate-600 underline">Cancel</Link></p>
    </form>
  );
}

"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Field, FormError } from "@/components/ui/field";
import { useDraft } from "@/components/use-draft";
import { type FieldErrors, errorsFromServer, validate } from "@/lib/form-errors";
import { api } from "@/trpc/react";
import { signUpSchema } from "../auth.schema";

export function SignUpForm() {
  const router = useRouter();
  // The password is never put in the draft.
  const draft = useDraft("signup", { firstName: "", lastName: "", email: "", organizationName: "" });
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [signingIn, setSigningIn] = useState(false);
  const signUp = api.auth.signUp.useMutation();

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    const checked = validate(signUpSchema, { ...draft.values, password });
    if (checked.errors) return setErrors(checked.errors);
    setErrors({});
    try {
      const { organizationSlug } = await signUp.mutateAsync(checked.data);
      draft.clear();
      setSigningIn(true);
      const result = await signIn("credentials", { email: checked.data.email, password, redirect: false });
      if (result?.error) return router.push("/login");
      router.push(`/${organizationSlug}`);
      router.refresh();
    } catch (error) {
      setErrors(errorsFromServer(error as Parameters<typeof errorsFromServer>[0]));
    }
  }

  const busy = signUp.isPending || signingIn;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Create your account">
      <FormError message={errors.form} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="First name" name="firstName" autoComplete="given-name" value={draft.values.firstName}
          onChange={(e) => draft.set("firstName", e.target.value)} error={errors.firstName} required />
        <Field label="Last name" name="lastName" autoComplete="family-name" value={draft.values.lastName}
          onChange={(e) => draft.set("lastName", e.target.value)} error={errors.lastName} />
      </div>
      <Field label="Work email" name="email" type="email" autoComplete="email" value={draft.values.email}
        onChange={(e) => draft.set("email", e.target.value)} error={errors.email} required />
      <Field label="Password" name="password" type="password" autoComplete="new-password" value={password}
        onChange={(e) => setPassword(e.target.value)} error={errors.password}
        hint="At least 8 characters; common passwords are refused." required />
      <Field label="Organization name" name="organizationName" autoComplete="organization" value={draft.values.organizationName}
        onChange={(e) => draft.set("organizationName", e.target.value)} error={errors.organizationName} required />
      <button type="submit" className="btn-primary w-full" disabled={busy}>
        {busy ? "Creating your workspace…" : "Create account"}
      </button>
    </form>
  );
}

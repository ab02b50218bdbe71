"use client";

import { signIn, signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Field, FormError } from "@/components/ui/field";
import { useHydrated } from "@/components/use-hydrated";
import { type FieldErrors, errorsFromServer, validate } from "@/lib/form-errors";
import { signInMessage } from "@/features/auth/components/sign-in-messages";
import { api } from "@/trpc/react";
import { acceptAsNewUserSchema } from "../members.schema";

const SIGN_IN_ERRORS: Record<string, string> = {
  CredentialsSignin: "That password doesn't match this account.",
  AccountDisabled: "This account has been deactivated.",
};

function useOpenOrganization() {
  const router = useRouter();
  return (slug: string) => {
    router.push(`/${slug}`);
    router.refresh();
  };
}

/** Signed in as the invited address: one click to join. */
export function JoinButton({ token, organizationName }: { token: string; organizationName: string }) {
  const hydrated = useHydrated();
  const open = useOpenOrganization();
  const accept = api.invitations.accept.useMutation();
  const [error, setError] = useState("");
  return (
    <div className="space-y-3">
      <FormError message={error} />
      <button type="button" className="btn-primary w-full" disabled={!hydrated || accept.isPending || accept.isSuccess}
        onClick={async () => {
          setError("");
          try {
            const { organizationSlug } = await accept.mutateAsync({ token });
            open(organizationSlug);
          } catch (e) {
            setError(e instanceof Error ? e.message : "Could not join; try again.");
          }
        }}>
        {accept.isPending || accept.isSuccess ? "Joining…" : `Join ${organizationName}`}
      </button>
    </div>
  );
}

/** Signed in as someone else: they sign out and come back to this page. */
export function SwitchAccountButton({ token }: { token: string }) {
  const hydrated = useHydrated();
  return (
    <button type="button" className="btn-secondary w-full" disabled={!hydrated}
      onClick={() => signOut({ callbackUrl: `/invite/${encodeURIComponent(token)}` })}>
      Sign out and continue
    </button>
  );
}

/** The invited address has an account: its password signs in and joins in one step. */
export function SignInAndJoinForm({ token, email, organizationName }: { token: string; email: string; organizationName: string }) {
  const hydrated = useHydrated();
  const open = useOpenOrganization();
  const accept = api.invitations.accept.useMutation();
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!password) return setErrors({ password: "Enter your password" });
    setErrors({});
    setBusy(true);
    try {
      const result = await signIn("credentials", { email, password, redirect: false });
      if (!result || result.error || !result.ok) {
        setBusy(false);
        const error = result?.error ?? (result?.status === 429 ? "RateLimited" : "");
        return setErrors({ password: SIGN_IN_ERRORS[error] ?? signInMessage(error) });
      }
      const { organizationSlug } = await accept.mutateAsync({ token });
      open(organizationSlug);
    } catch (error) {
      setBusy(false);
      setErrors(errorsFromServer(error as Parameters<typeof errorsFromServer>[0]));
    }
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Sign in and join" className="space-y-4">
      <FormError message={errors.form} />
      <Field label="Email" name="email" type="email" value={email} readOnly autoComplete="username" hint="The invitation was sent to this address." />
      <Field label="Password" name="password" type="password" autoComplete="current-password" value={password} autoFocus
        onChange={(e) => setPassword(e.target.value)} error={errors.password} required />
      <button type="submit" className="btn-primary w-full" disabled={!hydrated || busy}>
        {busy ? "Joining…" : `Sign in and join ${organizationName}`}
      </button>
    </form>
  );
}

/** Someone new: name and password, and they are in (the email is the invited one, verified). */
export function CreateAccountAndJoinForm({ token, email, organizationName }: { token: string; email: string; organizationName: string }) {
  const hydrated = useHydrated();
  const open = useOpenOrganization();
  const create = api.invitations.acceptAsNewUser.useMutation();
  const [values, setValues] = useState({ firstName: "", lastName: "", password: "" });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [signingIn, setSigningIn] = useState(false);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const checked = validate(acceptAsNewUserSchema, { ...values, token });
    if (checked.errors) return setErrors(checked.errors);
    setErrors({});
    try {
      const { organizationSlug } = await create.mutateAsync(checked.data);
      setSigningIn(true);
      const result = await signIn("credentials", { email, password: values.password, redirect: false });
      if (!result || result.error || !result.ok) {
        window.location.assign(`/login?callbackUrl=${encodeURIComponent(`/${organizationSlug}`)}`);
        return;
      }
      open(organizationSlug);
    } catch (error) {
      setSigningIn(false);
      setErrors(errorsFromServer(error as Parameters<typeof errorsFromServer>[0]));
    }
  }

  const busy = create.isPending || signingIn;
  return (
    <form onSubmit={submit} noValidate aria-label="Create your account" className="space-y-4">
      <FormError message={errors.form ?? errors.token} />
      <Field label="Email" name="email" type="email" value={email} readOnly autoComplete="username" hint="Your account uses the address the invitation was sent to." />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="First name" name="firstName" autoComplete="given-name" value={values.firstName} autoFocus maxLength={100}
          onChange={(e) => setValues({ ...values, firstName: e.target.value })} error={errors.firstName} required />
        <Field label="Last name" name="lastName" autoComplete="family-name" value={values.lastName} maxLength={100}
          onChange={(e) => setValues({ ...values, lastName: e.target.value })} error={errors.lastName} />
      </div>
      <Field label="Password" name="password" type="password" autoComplete="new-password" value={values.password}
        onChange={(e) => setValues({ ...values, password: e.target.value })} error={errors.password}
        hint="At least 8 characters; common passwords are refused." required />
      <button type="submit" className="btn-primary w-full" disabled={!hydrated || busy}>
        {busy ? "Creating your account…" : `Create account and join ${organizationName}`}
      </button>
    </form>
  );
}

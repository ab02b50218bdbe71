"use client";

import { startTransition, useActionState, useId, useState } from "react";
import { useHydrated } from "@/components/use-hydrated";
import { SignatureCapture } from "./signature-capture";

/** What the signing action returns: messages beside fields, or one for the whole form. */
export interface SignState {
  fieldErrors?: Partial<Record<"fullName" | "email" | "agree" | "signature", string>>;
  error?: string;
}

type Action = (prev: SignState, form: FormData) => Promise<SignState>;

/**
 * The client's signing form on the public contract page: full name, optional email, consent,
 * a typed or drawn signature. The inputs are controlled and the form is posted by hand, so a
 * refused attempt keeps everything typed and drawn.
 */
export function PublicSignForm({ token, action, organizationName, total, defaultEmail }: {
  token: string; action: Action; organizationName: string; total: string; defaultEmail: string;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const hydrated = useHydrated();
  const ids = useId();
  const [fullName, setFullName] = useState("");
  const [email, setEmail] = useState(defaultEmail);
  const [agree, setAgree] = useState(false);
  const errors = state.fieldErrors ?? {};

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(() => formAction(form));
  }

  const described = (field: keyof NonNullable<SignState["fieldErrors"]>, extra?: string) =>
    [errors[field] ? `${ids}-${field}-error` : null, extra].filter(Boolean).join(" ") || undefined;
  return (
    <section aria-labelledby={`${ids}-sign`} className="card p-5">
      <h2 id={`${ids}-sign`} className="mb-1 font-semibold">Sign the contract</h2>
      <p className="mb-4 text-sm text-slate-600">You sign with {organizationName} for {total}.</p>
      {state.error ? <p role="alert" className="mb-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">{state.error}</p> : null}
      <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Sign the contract">
        <input type="hidden" name="token" value={token} />
        <div>
          <label htmlFor={`${ids}-name`} className="mb-1 block text-sm font-medium text-slate-700">Your full name</label>
          <input id={`${ids}-name`} name="fullName" className="input" autoComplete="name" maxLength={200} value={fullName} onChange={(e) => setFullName(e.target.value)}
            aria-invalid={errors.fullName ? true : undefined} aria-describedby={described("fullName")} />
          {errors.fullName ? <p id={`${ids}-fullName-error`} role="alert" className="mt-1 text-sm text-red-700">{errors.fullName}</p> : null}
        </div>
        <div>
          <label htmlFor={`${ids}-email`} className="mb-1 block text-sm font-medium text-slate-700">Your email <span className="font-normal text-slate-500">(optional)</span></label>
          <input id={`${ids}-email`} name="email" type="email" className="input" autoComplete="email" maxLength={320} value={email} onChange={(e) => setEmail(e.target.value)}
            aria-invalid={errors.email ? true : undefined} aria-describedby={described("email", `${ids}-email-help`)} />
          {errors.email ? <p id={`${ids}-email-error`} role="alert" className="mt-1 text-sm text-red-700">{errors.email}</p> : null}
          <p id={`${ids}-email-help`} className="mt-1 text-xs text-slate-500">Kept with your signature.</p>
        </div>
        <SignatureCapture typedName={fullName} error={errors.signature} fieldNames={{ method: "signatureMethod", image: "signatureImage" }} />
        <div>
          <div className="flex items-start gap-2">
            <input id={`${ids}-agree`} name="agree" type="checkbox" className="mt-0.5 h-4 w-4 rounded border-slate-300" checked={agree} onChange={(e) => setAgree(e.target.checked)}
              aria-invalid={errors.agree ? true : undefined} aria-describedby={described("agree")} />
            <label htmlFor={`${ids}-agree`} className="text-sm text-slate-800">I agree to sign electronically</label>
          </div>
          {errors.agree ? <p id={`${ids}-agree-error`} role="alert" className="ml-6 mt-1 text-sm text-red-700">{errors.agree}</p> : null}
          <p className="ml-6 mt-1 text-xs text-slate-500">Your electronic signature is as binding as one on paper. Your name, the time and your IP address are recorded with it.</p>
        </div>
        <button type="submit" className="btn-primary w-full sm:w-auto" disabled={!hydrated || pending}>{pending ? "Signing…" : "Sign contract"}</button>
      </form>
    </section>
  );
}

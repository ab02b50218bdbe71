"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { Field, FormError } from "@/components/ui/field";
import { useHydrated } from "@/components/use-hydrated";
import { formatDate } from "@/lib/dates";
import { type FieldErrors, errorsFromServer } from "@/lib/form-errors";
import { api } from "@/trpc/react";
import { RecoveryCodesPanel } from "./recovery-codes-panel";

interface Props {
  enabled: boolean;
  enabledAt: Date | null;
  recoveryCodesLeft: number;
  hasPassword: boolean;
  /** Organizations of the person that require it (named in warnings). */
  requiredBy: string[];
  /** Came here because this organization requires it: where to go once it is on. */
  continueTo: { name: string; slug: string } | null;
}

type Setup = { secret: string; qrCode: string; otpauthUri: string };
const serverErrors = (error: unknown) => errorsFromServer(error as Parameters<typeof errorsFromServer>[0]);

export function TwoFactorSettings({ enabled, enabledAt, recoveryCodesLeft, hasPassword, requiredBy, continueTo }: Props) {
  const router = useRouter();
  const hydrated = useHydrated();
  const keyLabel = useId();
  const begin = api.twoFactor.beginEnrollment.useMutation();
  const confirm = api.twoFactor.confirmEnrollment.useMutation();
  const regenerate = api.twoFactor.regenerateRecoveryCodes.useMutation();
  const disable = api.twoFactor.disable.useMutation();
  const [setup, setSetup] = useState<Setup | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [form, setForm] = useState<"regenerate" | "disable" | null>(null);
  const [values, setValues] = useState({ code: "", password: "" });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [justEnabled, setJustEnabled] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const reset = () => { setValues({ code: "", password: "" }); setErrors({}); };

  async function start() {
    reset();
    setNotice(null);
    try {
      setSetup(await begin.mutateAsync());
    } catch (error) {
      setErrors(serverErrors(error));
    }
  }

  async function onConfirm(event: React.FormEvent) {
    event.preventDefault();
    if (!/^\d{6}$/.test(values.code.replace(/[\s-]/g, ""))) return setErrors({ code: "Enter the 6-digit code from your authenticator app" });
    try {
      const result = await confirm.mutateAsync({ code: values.code });
      setSetup(null);
      setCodes(result.recoveryCodes);
      setJustEnabled(true);
      reset();
    } catch (error) {
      setErrors(serverErrors(error));
    }
  }

  async function onRegenerate(event: React.FormEvent) {
    event.preventDefault();
    if (values.code.trim().length < 6) return setErrors({ code: "Enter a code from your authenticator app, or a recovery code" });
    try {
      const result = await regenerate.mutateAsync({ code: values.code });
      setForm(null);
      setCodes(result.recoveryCodes);
      reset();
    } catch (error) {
      setErrors(serverErrors(error));
    }
  }

  async function onDisable(event: React.FormEvent) {
    event.preventDefault();
    const problems: FieldErrors = {};
    if (hasPassword && !values.password) problems.password = "Enter your password";
    if (values.code.trim().length < 6) problems.code = "Enter a code from your authenticator app, or a recovery code";
    if (Object.keys(problems).length) return setErrors(problems);
    try {
      await disable.mutateAsync({ password: values.password, code: values.code });
      setForm(null);
      reset();
      setNotice("Two-factor authentication is off.");
      router.refresh();
    } catch (error) {
      setErrors(serverErrors(error));
    }
  }

  if (codes) {
    return (
      <div className="space-y-4">
        {justEnabled ? <p role="status" className="font-medium text-emerald-700">Two-factor authentication is on.</p> : null}
        <RecoveryCodesPanel codes={codes} onDone={() => { setCodes(null); router.refresh(); }} />
      </div>
    );
  }

  if (justEnabled || enabled) {
    return (
      <div className="space-y-4">
        <div className="flex flex-wrap items-center gap-2">
          <span className="rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-800">On</span>
          <span className="text-sm text-slate-600">
            {enabledAt ? `Since ${formatDate(new Date(enabledAt))}. ` : ""}Sign-in asks for a code from your authenticator app.
          </span>
        </div>
        <p className={`text-sm ${recoveryCodesLeft <= 3 ? "font-medium text-amber-800" : "text-slate-600"}`}>
          {recoveryCodesLeft} of 10 recovery codes left{recoveryCodesLeft <= 3 ? ": generate new ones so you don't run out." : "."}
        </p>
        {continueTo ? (
          <Link href={`/${continueTo.slug}`} className="btn-primary">Continue to {continueTo.name}</Link>
        ) : null}
        {form ? (
          <form onSubmit={form === "regenerate" ? onRegenerate : onDisable} noValidate className="space-y-4 rounded-md border border-slate-200 p-4"
            aria-label={form === "regenerate" ? "Generate new recovery codes" : "Turn off two-factor authentication"}>
            <FormError message={errors.form} />
            {form === "disable" && requiredBy.length ? (
              <p className="rounded-md bg-amber-50 p-3 text-sm text-amber-900">
                {requiredBy.join(", ")} {requiredBy.length === 1 ? "requires" : "require"} two-factor authentication: you&apos;ll have to set it up again before you can open {requiredBy.length === 1 ? "it" : "them"}.
              </p>
            ) : null}
            {form === "disable" && hasPassword ? (
              <Field label="Password" name="password" type="password" autoComplete="current-password" value={values.password}
                onChange={(e) => setValues({ ...values, password: e.target.value })} error={errors.password} required autoFocus />
            ) : null}
            <Field label="Authentication code or recovery code" name="code" autoComplete="one-time-code" value={values.code}
              onChange={(e) => setValues({ ...values, code: e.target.value })} error={errors.code} required autoFocus={form === "regenerate" || !hasPassword} />
            <div className="flex flex-wrap gap-2">
              {form === "regenerate" ? (
                <button type="submit" className="btn-primary" disabled={!hydrated || regenerate.isPending}>{regenerate.isPending ? "Generating…" : "Generate new codes"}</button>
              ) : (
                <button type="submit" className="btn bg-red-600 text-white hover:bg-red-700" disabled={!hydrated || disable.isPending}>{disable.isPending ? "Turning off…" : "Turn off two-factor authentication"}</button>
              )}
              <button type="button" className="btn-secondary" onClick={() => { setForm(null); reset(); }}>Cancel</button>
            </div>
            {form === "regenerate" ? <p className="text-xs text-slate-500">Your current recovery codes stop working as soon as the new ones are made.</p> : null}
          </form>
        ) : (
          <div className="flex flex-wrap gap-2">
            <button type="button" className="btn-secondary" disabled={!hydrated} onClick={() => { reset(); setForm("regenerate"); }}>Generate new recovery codes</button>
            <button type="button" className="btn-danger" disabled={!hydrated} onClick={() => { reset(); setForm("disable"); }}>Turn off</button>
          </div>
        )}
      </div>
    );
  }

  if (setup) {
    return (
      <form onSubmit={onConfirm} noValidate className="space-y-5" aria-label="Set up two-factor authentication">
        <FormError message={errors.form} />
        <ol className="space-y-5">
          <li className="grid gap-4 sm:grid-cols-[auto_1fr] sm:items-start">
            <img src={setup.qrCode} width={200} height={200} alt="QR code to add Parley to your authenticator app" className="rounded-md border border-slate-200" />
            <div className="space-y-2 text-sm">
              <p className="font-medium">1. Scan this QR code with your authenticator app</p>
              <p className="text-slate-600">Google Authenticator, Microsoft Authenticator, 1Password, Authy and others all work.</p>
              <p className="text-slate-600" id={keyLabel}>Can&apos;t scan it? Enter this setup key instead:</p>
              <code aria-labelledby={keyLabel} className="block break-words rounded-md bg-slate-100 px-3 py-2 font-mono text-base tracking-wider text-slate-900">{setup.secret}</code>
            </div>
          </li>
          <li className="space-y-2">
            <p className="text-sm font-medium">2. Enter the 6-digit code the app shows</p>
            <Field label="Code from your app" name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={7} className="max-w-xs"
              value={values.code} onChange={(e) => setValues({ ...values, code: e.target.value })} error={errors.code} required />
          </li>
        </ol>
        <div className="flex flex-wrap gap-2">
          <button type="submit" className="btn-primary" disabled={!hydrated || confirm.isPending}>{confirm.isPending ? "Checking…" : "Turn on"}</button>
          <button type="button" className="btn-secondary" onClick={() => { setSetup(null); reset(); }}>Cancel</button>
        </div>
      </form>
    );
  }

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700">Off</span>
        <span className="text-sm text-slate-600">Protect your account with a code from an authenticator app each time you sign in.</span>
      </div>
      {notice ? <p role="status" className="text-sm text-slate-700">{notice}</p> : null}
      <FormError message={errors.form} />
      <button type="button" className="btn-primary" disabled={!hydrated || begin.isPending} onClick={start}>
        {begin.isPending ? "Preparing…" : "Set up two-factor authentication"}
      </button>
    </div>
  );
}

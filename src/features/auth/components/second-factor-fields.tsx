"use client";

import { useState } from "react";
import { Field } from "@/components/ui/field";

/** The code field of a sign-in's second step: an authenticator code, or a recovery code instead. */
export function SecondFactorFields({ code, onChange, error }: { code: string; onChange: (code: string) => void; error?: string }) {
  const [recovery, setRecovery] = useState(false);
  return (
    <div className="space-y-2">
      {recovery ? (
        <Field key="recovery" label="Recovery code" name="code" autoComplete="off" autoCapitalize="none" spellCheck={false}
          value={code} onChange={(e) => onChange(e.target.value)} error={error} required autoFocus
          hint="One of the ten codes you saved when you set up two-factor authentication, like abcd-efgh-jkmn-pqrs. Each works once." />
      ) : (
        <Field key="totp" label="Authentication code" name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={7}
          value={code} onChange={(e) => onChange(e.target.value)} error={error} required autoFocus
          hint="The 6-digit code from your authenticator app." />
      )}
      <button type="button" className="text-sm font-medium text-brand-700 underline" onClick={() => { setRecovery(!recovery); onChange(""); }}>
        {recovery ? "Use a code from your authenticator app" : "Lost your phone? Use a recovery code"}
      </button>
    </div>
  );
}

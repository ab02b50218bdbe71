"use client";

import { useActionState, useId, useState } from "react";

/** What the answer action returns: a message beside a field, or one for the whole form. */
export interface AnswerState {
  fieldErrors?: Partial<Record<"fullName" | "reason", string>>;
  error?: string;
}

type Action = (prev: AnswerState, form: FormData) => Promise<AnswerState>;

/** Accept (typing one's full name) or decline (with a reason) on the public proposal page. */
export function PublicAnswer({ token, action, total }: { token: string; action: Action; total: string }) {
  const [state, formAction, pending] = useActionState(action, {});
  const [mode, setMode] = useState<"accept" | "reject">("accept");
  const ids = useId();
  return (
    <section aria-labelledby={`${ids}-answer`} className="card p-5">
      <h2 id={`${ids}-answer`} className="mb-3 font-semibold">Your answer</h2>
      <div role="tablist" aria-label="Your answer" className="mb-4 flex gap-2">
        <button type="button" role="tab" aria-selected={mode === "accept"} className={mode === "accept" ? "btn-primary" : "btn-secondary"} onClick={() => setMode("accept")}>Accept</button>
        <button type="button" role="tab" aria-selected={mode === "reject"} className={mode === "reject" ? "btn-primary" : "btn-secondary"} onClick={() => setMode("reject")}>Decline</button>
      </div>
      {state.error ? <p role="alert" className="mb-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">{state.error}</p> : null}
      <form action={formAction} className="space-y-3" aria-label={mode === "accept" ? "Accept the proposal" : "Decline the proposal"}>
        <input type="hidden" name="token" value={token} />
        <input type="hidden" name="decision" value={mode} />
        {mode === "accept" ? (
          <div>
            <label htmlFor={`${ids}-name`} className="mb-1 block text-sm font-medium text-slate-700">Your full name</label>
            <input id={`${ids}-name`} name="fullName" className="input" autoComplete="name" maxLength={200}
              aria-invalid={!!state.fieldErrors?.fullName} aria-describedby={state.fieldErrors?.fullName ? `${ids}-name-error` : undefined} />
            {state.fieldErrors?.fullName ? <p id={`${ids}-name-error`} className="mt-1 text-sm text-red-700">{state.fieldErrors.fullName}</p> : null}
            <p className="mt-1 text-xs text-slate-500">Typing your name and accepting confirms you accept this proposal ({total}) on behalf of your organization.</p>
          </div>
        ) : (
          <div>
            <label htmlFor={`${ids}-reason`} className="mb-1 block text-sm font-medium text-slate-700">Why do you decline?</label>
            <textarea id={`${ids}-reason`} name="reason" rows={3} className="input" maxLength={2000}
              aria-invalid={!!state.fieldErrors?.reason} aria-describedby={state.fieldErrors?.reason ? `${ids}-reason-error` : undefined} />
            {state.fieldErrors?.reason ? <p id={`${ids}-reason-error`} className="mt-1 text-sm text-red-700">{state.fieldErrors.reason}</p> : null}
          </div>
        )}
        <button type="submit" className="btn-primary" disabled={pending}>
          {pending ? "Sending…" : mode === "accept" ? "Accept the proposal" : "Decline the proposal"}
        </button>
      </form>
    </section>
  );
}

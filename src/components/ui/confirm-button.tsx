"use client";

import { useHydrated } from "@/components/use-hydrated";
import { useId, useRef, useState } from "react";

/** A button that asks first, in a modal dialog (focus-trapped, Escape cancels). */
export function ConfirmButton({ label, title, body, confirmLabel, onConfirm, className = "btn-danger", confirmClassName = "btn bg-red-600 text-white hover:bg-red-700" }: {
  label: string;
  title: string;
  body: React.ReactNode;
  confirmLabel: string;
  onConfirm: () => Promise<void>;
  className?: string;
  /** The confirming button's look: red by default; btn-primary for changes that are not destructive. */
  confirmClassName?: string;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const hydrated = useHydrated();
  // The confirmation has a title of its own, wherever several of these share a page.
  const titleId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  return (
    <>
      <button type="button" className={className} disabled={!hydrated} onClick={() => dialog.current?.showModal()}>{label}</button>
      <dialog ref={dialog} aria-labelledby={titleId} className="w-full max-w-md rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40">
        <div className="p-6">
          <h2 id={titleId} className="text-lg font-semibold">{title}</h2>
          <div className="mt-2 text-sm text-slate-600">{body}</div>
          {error ? <p role="alert" className="mt-3 text-sm text-red-600">{error}</p> : null}
          <div className="mt-6 flex justify-end gap-2">
            <button type="button" className="btn-secondary" onClick={() => dialog.current?.close()} autoFocus>Cancel</button>
            <button type="button" className={confirmClassName} disabled={busy}
              onClick={async () => {
                setBusy(true);
                setError(undefined);
                try {
                  await onConfirm();
                  dialog.current?.close();
                } catch (e) {
                  setError(e instanceof Error ? e.message : "That did not work; try again.");
                } finally {
                  setBusy(false);
                }
              }}>
              {busy ? "Working…" : confirmLabel}
            </button>
          </div>
        </div>
      </dialog>
    </>
  );
}

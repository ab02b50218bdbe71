"use client";

import { useEffect, useId, useRef } from "react";

/**
 * A modal dialog (the browser's own <dialog>: focus kept inside, Escape closes) with a title;
 * open while `open` is true, `onClose` when it is dismissed.
 */
export function Modal({ open, onClose, title, children, wide }: { open: boolean; onClose: () => void; title: string; children: React.ReactNode; wide?: boolean }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (open && !el.open) el.showModal();
    if (!open && el.open) el.close();
  }, [open]);
  return (
    <dialog ref={dialog} aria-labelledby={titleId} onClose={onClose}
      className={`w-[calc(100%-2rem)] ${wide ? "max-w-xl" : "max-w-md"} rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40`}>
      {open ? (
        <div className="p-5 sm:p-6">
          <h2 id={titleId} className="text-lg font-semibold">{title}</h2>
          <div className="mt-3">{children}</div>
        </div>
      ) : null}
    </dialog>
  );
}

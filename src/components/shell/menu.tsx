"use client";

import { useEffect, useRef, useState } from "react";

/**
 * A disclosure menu: opens on click, Enter or Space; closes on Escape (returning focus to its
 * button) or a click outside. Items are ordinary links and buttons, so Tab walks them.
 */
export function Menu({ label, buttonContent, children, align = "right" }: {
  label: string;
  buttonContent: React.ReactNode;
  children: React.ReactNode;
  align?: "left" | "right";
}) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        setOpen(false);
        button.current?.focus();
      }
    };
    document.addEventListener("mousedown", onPointer);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("mousedown", onPointer);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  return (
    <div ref={root} className="relative">
      <button ref={button} type="button" aria-label={label} aria-expanded={open} onClick={() => setOpen((o) => !o)}
        className="flex items-center gap-2 rounded-md px-2 py-1.5 text-sm hover:bg-slate-100">
        {buttonContent}
        <span aria-hidden="true" className="text-slate-400">▾</span>
      </button>
      {open ? (
        <div className={`absolute z-30 mt-1 w-64 rounded-md border border-slate-200 bg-white p-1 shadow-lg ${align === "right" ? "right-0" : "left-0"}`}
          onClick={(e) => { if ((e.target as HTMLElement).closest("a,button")) setOpen(false); }}>
          {children}
        </div>
      ) : null}
    </div>
  );
}

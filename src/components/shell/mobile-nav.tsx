"use client";

import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";

/** On small screens the sidebar becomes a drawer behind a menu button. */
export function MobileNav({ children }: { children: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  const pathname = usePathname();
  useEffect(() => setOpen(false), [pathname]);
  return (
    <div className="lg:hidden">
      <button type="button" className="rounded-md p-2 hover:bg-slate-100" aria-expanded={open} aria-controls="mobile-nav"
        onClick={() => setOpen((o) => !o)}>
        <span className="sr-only">{open ? "Close navigation" : "Open navigation"}</span>
        <span aria-hidden="true">☰</span>
      </button>
      {open ? (
        <div id="mobile-nav" className="fixed inset-x-0 top-14 z-40 max-h-[calc(100vh-3.5rem)] overflow-y-auto border-b border-slate-200 bg-white p-3 shadow-lg">
          {children}
        </div>
      ) : null}
    </div>
  );
}

"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const matches = (pathname: string, href: string) => pathname === href || (href.split("/").length > 2 && pathname.startsWith(`${href}/`));

/**
 * A sidebar link, current when the page is at or under it, unless a deeper link among
 * `siblings` matches too (Settings is not current on Settings › API keys, which has its own).
 */
export function NavLink({ href, siblings = [], children }: { href: string; siblings?: readonly string[]; children: React.ReactNode }) {
  const pathname = usePathname();
  const active = matches(pathname, href) && !siblings.some((other) => other.startsWith(`${href}/`) && matches(pathname, other));
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={`block rounded-md px-3 py-2 text-sm ${active ? "bg-brand-50 font-semibold text-brand-700" : "text-slate-700 hover:bg-slate-100"}`}
    >
      {children}
    </Link>
  );
}

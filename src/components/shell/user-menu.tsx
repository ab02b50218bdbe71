"use client";

import Link from "next/link";
import { signOut } from "next-auth/react";
import { Menu } from "./menu";

export function UserMenu({ name, email }: { name: string; email: string }) {
  const initials = name.split(/\s+/).map((p) => p[0]).join("").slice(0, 2).toUpperCase();
  return (
    <Menu label={`Account menu for ${name}`}
      buttonContent={<span aria-hidden="true" className="flex h-8 w-8 items-center justify-center rounded-full bg-brand-600 text-xs font-semibold text-white">{initials}</span>}>
      <div className="px-3 py-2">
        <p className="truncate text-sm font-medium">{name}</p>
        <p className="truncate text-xs text-slate-500">{email}</p>
      </div>
      <div className="border-t border-slate-100 pt-1">
        <Link href="/account/security" className="block rounded px-3 py-2 text-sm hover:bg-slate-100">Account security</Link>
        <Link href="/account/sessions" className="block rounded px-3 py-2 text-sm hover:bg-slate-100">Sessions</Link>
        <button type="button" onClick={() => signOut({ callbackUrl: "/login" })}
          className="block w-full rounded px-3 py-2 text-left text-sm hover:bg-slate-100">Sign out</button>
      </div>
    </Menu>
  );
}

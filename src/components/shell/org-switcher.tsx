import Link from "next/link";
import { Menu } from "./menu";

interface Org {
  slug: string;
  name: string;
  roleName: string;
}

export function OrgSwitcher({ current, organizations }: { current: { slug: string; name: string }; organizations: Org[] }) {
  return (
    <Menu label={`Organization: ${current.name}. Switch organization`} align="left"
      buttonContent={<span className="max-w-[12rem] truncate font-semibold">{current.name}</span>}>
      <p className="px-3 py-1 text-xs font-medium uppercase tracking-wide text-slate-500">Your organizations</p>
      <ul>
        {organizations.map((org) => (
          <li key={org.slug}>
            <Link href={`/${org.slug}`} aria-current={org.slug === current.slug ? "true" : undefined}
              className="flex items-center justify-between rounded px-3 py-2 text-sm hover:bg-slate-100">
              <span className="truncate">{org.name}</span>
              <span className="ml-2 text-xs text-slate-500">{org.slug === current.slug ? "Current" : org.roleName}</span>
            </Link>
          </li>
        ))}
      </ul>
      <div className="mt-1 border-t border-slate-100 pt-1">
        <Link href="/orgs/new" className="block rounded px-3 py-2 text-sm text-brand-700 hover:bg-slate-100">+ New organization</Link>
      </div>
    </Menu>
  );
}

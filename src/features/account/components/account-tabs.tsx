import { NavLink } from "@/components/shell/nav-link";

/** The account pages: security settings and where you are signed in. */
export function AccountTabs() {
  return (
    <nav aria-label="Account" className="mb-6 border-b border-slate-200 pb-2">
      <ul className="flex gap-1 text-sm">
        <li><NavLink href="/account/security">Security</NavLink></li>
        <li><NavLink href="/account/sessions">Sessions</NavLink></li>
      </ul>
    </nav>
  );
}

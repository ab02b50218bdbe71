import { ADMIN_NAV, WORK_NAV, visibleNav } from "./nav-items";
import { NavLink } from "./nav-link";

export function SidebarNav({ orgSlug, permissions }: { orgSlug: string; permissions: readonly string[] }) {
  const work = visibleNav(WORK_NAV, permissions);
  const admin = visibleNav(ADMIN_NAV, permissions);
  const href = (path: string) => (path ? `/${orgSlug}/${path}` : `/${orgSlug}`);
  const all = [...work, ...admin].map((item) => href(item.href));
  return (
    <nav aria-label="Product" className="space-y-6">
      <ul className="space-y-0.5">
        {work.map((item) => (
          <li key={item.label}><NavLink href={href(item.href)} siblings={all}>{item.label}</NavLink></li>
        ))}
      </ul>
      {admin.length ? (
        <div>
          <p className="px-3 pb-1 text-xs font-medium uppercase tracking-wide text-slate-500">Organization</p>
          <ul className="space-y-0.5">
            {admin.map((item) => (
              <li key={item.label}><NavLink href={href(item.href)} siblings={all}>{item.label}</NavLink></li>
            ))}
          </ul>
        </div>
      ) : null}
    </nav>
  );
}

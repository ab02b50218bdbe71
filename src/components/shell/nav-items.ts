import type { Resource } from "@/features/roles/permissions";

export interface NavItem {
  href: string;
  label: string;
  /** Hidden for roles that cannot read this resource (the server refuses regardless). */
  resource?: Resource;
  /** Areas that arrive with later releases show a designed empty state meanwhile. */
  upcoming?: string;
}

export const WORK_NAV: NavItem[] = [
  { href: "", label: "Home" },
  { href: "leads", label: "Leads", resource: "leads", upcoming: "Work leads with scores that explain themselves, log calls and convert them to deals." },
  { href: "companies", label: "Companies", resource: "companies", upcoming: "Every account you sell to, with contacts, contract dates and history." },
  { href: "contacts", label: "Contacts", resource: "contacts", upcoming: "The people at your customers, vendors and partners." },
  { href: "pipeline", label: "Pipeline", resource: "opportunities", upcoming: "A board per pipeline: drag deals across stages and watch the forecast move." },
  { href: "tasks", label: "Tasks", resource: "tasks", upcoming: "Follow-ups on any record, with your overdue work first." },
  { href: "proposals", label: "Proposals", resource: "proposals", upcoming: "Price from your catalog, send, and see when it's viewed and accepted." },
  { href: "contracts", label: "Contracts", resource: "contracts", upcoming: "Signatures, payment schedules and renewals." },
  { href: "dashboards", label: "Dashboards", resource: "dashboards", upcoming: "Charts, alerts and scheduled reports over your data." },
  { href: "delivery", label: "Delivery", resource: "processes", upcoming: "Hand won work to delivery: stages, milestones, teams and documents." },
  { href: "properties", label: "Properties", resource: "properties", upcoming: "Listings, media and market analyses for real-estate teams." },
  { href: "assistant", label: "Assistant", resource: "ai", upcoming: "AI help with calls, emails and summaries." },
];

export const ADMIN_NAV: NavItem[] = [
  { href: "members", label: "Members", resource: "members" },
  { href: "audit-log", label: "Audit log", resource: "audit_logs" },
];

export function visibleNav(items: NavItem[], permissions: readonly string[]): NavItem[] {
  const granted = new Set(permissions);
  return items.filter((item) => !item.resource || granted.has(`${item.resource}:read`));
}

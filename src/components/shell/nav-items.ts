import type { Resource } from "@/features/roles/permissions";

export interface NavItem {
  href: string;
  label: string;
  /** Hidden for roles that cannot read this resource (the server refuses regardless). */
  resource?: Resource;
  /** What the area is for, on the home page's cards. */
  description?: string;
  /** Areas that arrive with later releases show a designed empty state meanwhile. */
  upcoming?: boolean;
}

export const WORK_NAV: NavItem[] = [
  { href: "", label: "Home" },
  { href: "leads", label: "Leads", resource: "leads", description: "Work leads with scores that explain themselves, log calls and convert them to deals." },
  { href: "companies", label: "Companies", resource: "companies", description: "Every account you sell to, with contacts, contract dates and history." },
  { href: "contacts", label: "Contacts", resource: "contacts", description: "The people at your customers, vendors and partners." },
  { href: "pipeline", label: "Pipeline", resource: "opportunities", description: "A board per pipeline: drag deals across stages and watch the forecast move." },
  { href: "sales", label: "Sales dashboard", resource: "dashboards", description: "Pipeline by stage, forecast, win rate, activity and the rep leaderboard." },
  { href: "tasks", label: "Tasks", resource: "tasks", description: "Follow-ups on any record, with your overdue work first." },
  { href: "activities", label: "Activities", resource: "interactions", description: "Every call, email, meeting, note and SMS across your records, filtered and exported." },
  { href: "products", label: "Products", resource: "products", description: "Your catalog: prices, billing and tax for every proposal line." },
  { href: "proposals", label: "Proposals", resource: "proposals", description: "Price deals from your catalog, get discounts approved, and track every version to an answer." },
  { href: "contracts", label: "Contracts", resource: "contracts", description: "Turn accepted proposals into contracts with payment schedules, signed online by the client and countersigned by you." },
  { href: "dashboards", label: "Dashboards", resource: "dashboards", description: "Charts, alerts and scheduled reports over your data.", upcoming: true },
  { href: "delivery", label: "Delivery", resource: "processes", description: "Hand won work to delivery: stages, milestones, teams and documents.", upcoming: true },
  { href: "properties", label: "Properties", resource: "properties", description: "Listings, media and market analyses for real-estate teams.", upcoming: true },
  { href: "assistant", label: "Assistant", resource: "ai", description: "AI help with calls, emails and summaries.", upcoming: true },
];

export const ADMIN_NAV: NavItem[] = [
  { href: "members", label: "Members", resource: "members" },
  { href: "settings/roles", label: "Roles", resource: "roles" },
  { href: "audit-log", label: "Audit log", resource: "audit_logs" },
  { href: "settings/api-keys", label: "API keys", resource: "api_keys" },
  { href: "settings/billing", label: "Billing", resource: "billing" },
  { href: "settings", label: "Settings", resource: "organization" },
  { href: "settings/security", label: "Security", resource: "organization" },
];

export function visibleNav(items: NavItem[], permissions: readonly string[]): NavItem[] {
  const granted = new Set(permissions);
  return items.filter((item) => !item.resource || granted.has(`${item.resource}:read`));
}

// How the permission catalog reads on the roles page: resources grouped as admins think of
// them, and each action in plain words.
import type { Action, Resource } from "./permissions";

export const RESOURCE_LABELS: Record<Resource, string> = {
  organization: "Organization settings", members: "Members", roles: "Roles and permissions", billing: "Billing and plan",
  audit_logs: "Audit log", api_keys: "API keys",
  companies: "Companies", contacts: "Contacts", leads: "Leads", interactions: "Activities", tasks: "Tasks",
  pipelines: "Pipelines", opportunities: "Deals", products: "Products", proposals: "Proposals", contracts: "Contracts",
  dashboards: "Dashboards", reports: "Reports", processes: "Delivery", properties: "Properties", ai: "AI assistant",
};

export const ACTION_LABELS: Record<Action, { label: string; description: string }> = {
  read: { label: "View", description: "See it" },
  write: { label: "Create & edit", description: "Add and change it" },
  delete: { label: "Delete", description: "Delete it" },
  admin: { label: "Administer", description: "Settings and everyone's records" },
};

export const RESOURCE_GROUPS: { label: string; resources: Resource[] }[] = [
  { label: "Sales and records", resources: ["leads", "companies", "contacts", "opportunities", "pipelines", "interactions", "tasks", "products", "proposals", "contracts"] },
  { label: "Insights and delivery", resources: ["dashboards", "reports", "processes", "properties", "ai"] },
  { label: "Administration", resources: ["organization", "members", "roles", "billing", "audit_logs", "api_keys"] },
];

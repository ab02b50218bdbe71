// The permission catalog (resource × action, seeded by the platform migration) and the
// permissions each system role starts with. Custom roles pick from the same catalog.
import { z } from "zod";

export const RESOURCES = [
  "organization", "members", "roles", "billing", "audit_logs", "api_keys",
  "companies", "contacts", "leads", "interactions", "tasks", "pipelines", "opportunities",
  "products", "proposals", "contracts", "dashboards", "reports", "processes", "properties", "ai",
] as const;
export const ACTIONS = ["read", "write", "delete", "admin"] as const;

export const resourceSchema = z.enum(RESOURCES);
export const actionSchema = z.enum(ACTIONS);
export type Resource = z.infer<typeof resourceSchema>;
export type Action = z.infer<typeof actionSchema>;
export type PermissionName = `${Resource}:${Action}`;

export interface RequiredPermission {
  resource: Resource;
  action: Action;
}

const BUSINESS: Resource[] = [
  "companies", "contacts", "leads", "interactions", "tasks", "pipelines", "opportunities",
  "products", "proposals", "contracts", "dashboards", "reports", "processes", "properties", "ai",
];

const all = (resources: readonly Resource[], actions: readonly Action[]): PermissionName[] =>
  resources.flatMap((r) => actions.map((a) => `${r}:${a}` as PermissionName));

export const SYSTEM_ROLE_NAMES = ["Owner", "Admin", "Manager", "Member", "Viewer"] as const;
export type SystemRoleName = (typeof SYSTEM_ROLE_NAMES)[number];

export const SYSTEM_ROLES: Record<SystemRoleName, { description: string; permissions: PermissionName[]; isDefault?: boolean }> = {
  Owner: {
    description: "Full control, including billing and deleting the organization",
    permissions: all(RESOURCES, ACTIONS),
  },
  Admin: {
    description: "Manages members, roles, settings, API keys and all records; no billing ownership",
    permissions: all(RESOURCES, ACTIONS).filter((p) => p !== "billing:admin" && p !== "organization:admin"),
  },
  Manager: {
    description: "Works and deletes all records, approves proposal discounts, countersigns contracts, reads members and the audit log",
    permissions: [...all(BUSINESS, ["read", "write", "delete"]), "proposals:admin", "contracts:admin", "members:read", "audit_logs:read", "organization:read"],
  },
  Member: {
    description: "Creates and edits records",
    permissions: [...all(BUSINESS, ["read", "write"]), "members:read", "organization:read"],
    isDefault: true,
  },
  Viewer: {
    description: "Read-only access",
    permissions: [...all(BUSINESS, ["read"]), "members:read", "organization:read"],
  },
};

export function hasPermission(granted: ReadonlySet<string> | readonly string[], required: RequiredPermission): boolean {
  const set = granted instanceof Set ? granted : new Set(granted);
  return set.has(`${required.resource}:${required.action}`);
}

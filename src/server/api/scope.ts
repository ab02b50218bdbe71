// What a service receives: the org-scoped transaction plus who is acting, and the audit hook
// that writes into the same transaction.
import type { Tx } from "@/server/db/tenant";
import type { RequestMeta } from "@/server/db/system";

export interface AuditEntry {
  action: string;
  resourceType: string;
  resourceId?: string | null;
  oldValues?: unknown;
  newValues?: unknown;
  details?: Record<string, unknown>;
}

export interface OrgScope {
  tx: Tx;
  orgId: string;
  userId: string;
  meta: RequestMeta;
  audit(entry: AuditEntry): Promise<void>;
}

export interface UserScope {
  tx: Tx;
  userId: string;
  sessionId: string;
  meta: RequestMeta;
}

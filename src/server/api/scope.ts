// What a service receives: the org-scoped transaction plus who is acting, and the audit hook
// that writes into the same transaction.
import { writeAuditLog } from "@/features/audit/audit.service";
import type { RequestMeta } from "@/server/db/system";
import type { Tx } from "@/server/db/tenant";

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

/** The scope a service runs in; `onAudit` lets orgProcedure check that a mutation audited. */
export function createOrgScope(tx: Tx, actor: { orgId: string; userId: string; meta: RequestMeta }, onAudit?: () => void): OrgScope {
  return {
    ...actor,
    tx,
    async audit(entry: AuditEntry) {
      onAudit?.();
      await writeAuditLog(tx, actor, entry);
    },
  };
}

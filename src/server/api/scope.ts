// What a service receives: the org-scoped transaction plus who is acting, and the audit hook
// that writes into the same transaction.
import { writeAuditLog } from "@/features/audit/audit.service";
import type { RequestMeta } from "@/server/request-meta";
import type { Tx } from "@/server/db/tenant";

export interface AuditEntry {
  action: string;
  resourceType: string;
  resourceId?: string | null;
  oldValues?: unknown;
  newValues?: unknown;
  details?: Record<string, unknown>;
}

/** Work that must wait until the transaction has committed (sending email): never on rollback. */
export type AfterCommit = () => unknown;

export interface OrgScope {
  tx: Tx;
  orgId: string;
  userId: string;
  meta: RequestMeta;
  audit(entry: AuditEntry): Promise<void>;
  afterCommit(task: AfterCommit): void;
}

export interface UserScope {
  tx: Tx;
  userId: string;
  sessionId: string;
  meta: RequestMeta;
  afterCommit(task: AfterCommit): void;
}

/** Collects after-commit work for one transaction; `run` once it has committed. */
export function afterCommitQueue() {
  const tasks: AfterCommit[] = [];
  return {
    add: (task: AfterCommit) => { tasks.push(task); },
    async run() {
      for (const task of tasks.splice(0)) {
        try {
          await task();
        } catch (error) {
          // The change itself has committed; what failed after it is logged, not undone.
          console.error("after-commit task failed:", error instanceof Error ? error.message : error);
        }
      }
    },
  };
}

const noAfterCommit = () => { throw new Error("This scope cannot run work after commit; create it with afterCommitQueue()"); };

/** The scope a service runs in; `onAudit` lets orgProcedure check that a mutation audited. */
export function createOrgScope(tx: Tx, actor: { orgId: string; userId: string; meta: RequestMeta }, onAudit?: () => void, afterCommit: (task: AfterCommit) => void = noAfterCommit): OrgScope {
  return {
    ...actor,
    tx,
    afterCommit,
    async audit(entry: AuditEntry) {
      onAudit?.();
      await writeAuditLog(tx, actor, entry);
    },
  };
}

/** Runs one step of a phased procedure (orgPhasedProcedure) in its own scoped transaction, committed on return. */
export type InOrg = <T>(step: (scope: OrgScope) => Promise<T>) => Promise<T>;

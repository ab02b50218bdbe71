import { orgProcedure, router } from "@/server/api/trpc";
import { listAuditLogSchema } from "./audit.schema";
import { auditLogFacets, listAuditLog } from "./audit-log.query";

const read = { permission: { resource: "audit_logs", action: "read" } } as const;

export const auditRouter = router({
  list: orgProcedure.meta(read).input(listAuditLogSchema).query(({ ctx, input }) => listAuditLog(ctx.scope, input)),
  facets: orgProcedure.meta(read).query(({ ctx }) => auditLogFacets(ctx.scope)),
});

import { orgProcedure, router } from "@/server/api/trpc";
import { listAuditLogSchema } from "./audit.schema";
import { listAuditLog } from "./audit-log.query";

export const auditRouter = router({
  list: orgProcedure
    .meta({ permission: { resource: "audit_logs", action: "read" } })
    .input(listAuditLogSchema)
    .query(({ ctx, input }) => listAuditLog(ctx.scope, input)),
});

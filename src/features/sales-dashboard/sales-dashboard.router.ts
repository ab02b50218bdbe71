import { orgProcedure, router } from "@/server/api/trpc";
import { salesDashboardSchema } from "./sales-dashboard.schema";
import { getSalesDashboard } from "./sales-dashboard.service";

export const salesDashboardRouter = router({
  get: orgProcedure.meta({ permission: { resource: "dashboards", action: "read" } }).input(salesDashboardSchema).query(({ ctx, input }) => getSalesDashboard(ctx.scope, input)),
});

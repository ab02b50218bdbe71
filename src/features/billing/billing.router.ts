import { z } from "zod";
import { orgProcedure, router } from "@/server/api/trpc";
import { planChoiceSchema } from "./billing.schema";
import { billingOverview, cancelAtPeriodEnd, changePlan, continueOnFree, openCustomerPortal, resumeSubscription, startCheckout, syncSeats } from "./billing.service";

// Billing stays open while the organization is read-only for an unpaid bill, so it can pay.
const read = { permission: { resource: "billing", action: "read" }, allowWhenReadOnly: true } as const;
const admin = { permission: { resource: "billing", action: "admin" }, allowWhenReadOnly: true } as const;
const none = z.object({}).strict().optional();

export const billingRouter = router({
  overview: orgProcedure.meta(read).query(({ ctx }) => billingOverview(ctx.scope)),
  checkout: orgProcedure.meta(admin).input(planChoiceSchema).mutation(({ ctx, input }) => startCheckout(ctx.scope, input)),
  portal: orgProcedure.meta(admin).input(none).mutation(({ ctx }) => openCustomerPortal(ctx.scope)),
  changePlan: orgProcedure.meta(admin).input(planChoiceSchema).mutation(({ ctx, input }) => changePlan(ctx.scope, input)),
  cancel: orgProcedure.meta(admin).input(none).mutation(({ ctx }) => cancelAtPeriodEnd(ctx.scope)),
  resume: orgProcedure.meta(admin).input(none).mutation(({ ctx }) => resumeSubscription(ctx.scope)),
  continueOnFree: orgProcedure.meta(admin).input(none).mutation(({ ctx }) => continueOnFree(ctx.scope)),
  syncSeats: orgProcedure.meta(admin).input(none).mutation(({ ctx }) => syncSeats(ctx.scope)),
});

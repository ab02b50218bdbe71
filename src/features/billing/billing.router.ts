import { z } from "zod";
import { orgPhasedProcedure, orgProcedure, router } from "@/server/api/trpc";
import { planChoiceSchema } from "./billing.schema";
import { billingOverview, cancelAtPeriodEnd, changePlan, continueOnFree, openCustomerPortal, resumeSubscription, startCheckout, syncSeats } from "./billing.service";

// Billing stays open while the organization is read-only for an unpaid bill, so it can pay.
// What calls Stripe is phased: no transaction stays open while Stripe answers.
const read = { permission: { resource: "billing", action: "read" }, allowWhenReadOnly: true } as const;
const admin = { permission: { resource: "billing", action: "admin" }, allowWhenReadOnly: true } as const;
const none = z.object({}).strict().optional();

export const billingRouter = router({
  overview: orgProcedure.meta(read).query(({ ctx }) => billingOverview(ctx.scope)),
  checkout: orgPhasedProcedure.meta(admin).input(planChoiceSchema).mutation(({ ctx, input }) => startCheckout(ctx.inOrg, input)),
  portal: orgPhasedProcedure.meta(admin).input(none).mutation(({ ctx }) => openCustomerPortal(ctx.inOrg)),
  changePlan: orgPhasedProcedure.meta(admin).input(planChoiceSchema).mutation(({ ctx, input }) => changePlan(ctx.inOrg, input)),
  cancel: orgPhasedProcedure.meta(admin).input(none).mutation(({ ctx }) => cancelAtPeriodEnd(ctx.inOrg)),
  resume: orgPhasedProcedure.meta(admin).input(none).mutation(({ ctx }) => resumeSubscription(ctx.inOrg)),
  continueOnFree: orgProcedure.meta(admin).input(none).mutation(({ ctx }) => continueOnFree(ctx.scope)),
  syncSeats: orgPhasedProcedure.meta(admin).input(none).mutation(({ ctx }) => syncSeats(ctx.inOrg)),
});

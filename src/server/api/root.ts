import { apiKeysRouter } from "@/features/api-keys/api-keys.router";
import { accountRouter } from "@/features/account/account.router";
import { auditRouter } from "@/features/audit/audit.router";
import { billingRouter } from "@/features/billing/billing.router";
import { authRouter } from "@/features/auth/auth.router";
import { companiesRouter } from "@/features/companies/companies.router";
import { contactsRouter } from "@/features/contacts/contacts.router";
import { importsRouter } from "@/features/imports/imports.router";
import { interactionsRouter } from "@/features/interactions/interactions.router";
import { leadsRouter } from "@/features/leads/leads.router";
import { invitationsRouter } from "@/features/members/invitations.router";
import { membersRouter } from "@/features/members/members.router";
import { opportunitiesRouter } from "@/features/opportunities/opportunities.router";
import { orgSecurityRouter } from "@/features/org-security/org-security.router";
import { organizationsRouter } from "@/features/organizations/organizations.router";
import { pipelinesRouter } from "@/features/pipelines/pipelines.router";
import { productsRouter } from "@/features/products/products.router";
import { approvalsRouter, proposalTemplatesRouter, proposalsRouter } from "@/features/proposals/proposals.router";
import { contractsRouter } from "@/features/contracts/contracts.router";
import { rolesRouter } from "@/features/roles/roles.router";
import { salesDashboardRouter } from "@/features/sales-dashboard/sales-dashboard.router";
import { savedViewsRouter } from "@/features/saved-views/saved-views.router";
import { searchRouter } from "@/features/search/search.router";
import { sessionsRouter } from "@/features/sessions/sessions.router";
import { tasksRouter } from "@/features/tasks/tasks.router";
import { twoFactorRouter } from "@/features/two-factor/two-factor.router";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  auth: authRouter,
  account: accountRouter,
  twoFactor: twoFactorRouter,
  orgSecurity: orgSecurityRouter,
  organizations: organizationsRouter,
  billing: billingRouter,
  members: membersRouter,
  invitations: invitationsRouter,
  roles: rolesRouter,
  sessions: sessionsRouter,
  audit: auditRouter,
  apiKeys: apiKeysRouter,
  companies: companiesRouter,
  contacts: contactsRouter,
  search: searchRouter,
  savedViews: savedViewsRouter,
  pipelines: pipelinesRouter,
  opportunities: opportunitiesRouter,
  leads: leadsRouter,
  interactions: interactionsRouter,
  tasks: tasksRouter,
  products: productsRouter,
  proposals: proposalsRouter,
  proposalTemplates: proposalTemplatesRouter,
  approvals: approvalsRouter,
  contracts: contractsRouter,
  imports: importsRouter,
  salesDashboard: salesDashboardRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);

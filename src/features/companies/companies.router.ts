import { orgProcedure, router } from "@/server/api/trpc";
import { companyIdSchema, createCompanySchema, listCompaniesSchema, updateCompanySchema } from "./companies.schema";
import { createCompany, deleteCompany, getCompany, listCompanies, updateCompany } from "./companies.service";

const read = { permission: { resource: "companies", action: "read" } } as const;
const write = { permission: { resource: "companies", action: "write" } } as const;

export const companiesRouter = router({
  list: orgProcedure.meta(read).input(listCompaniesSchema).query(({ ctx, input }) => listCompanies(ctx.scope, input)),
  get: orgProcedure.meta(read).input(companyIdSchema).query(({ ctx, input }) => getCompany(ctx.scope, input.id)),
  create: orgProcedure.meta(write).input(createCompanySchema).mutation(({ ctx, input }) => createCompany(ctx.scope, input)),
  update: orgProcedure.meta(write).input(updateCompanySchema).mutation(({ ctx, input }) => updateCompany(ctx.scope, input.id, input.values)),
  delete: orgProcedure
    .meta({ permission: { resource: "companies", action: "delete" } })
    .input(companyIdSchema)
    .mutation(({ ctx, input }) => deleteCompany(ctx.scope, input.id)),
});

// A member's own saved filters for a list. Views are personal: only their owner sees them.
import type { z } from "zod";
import { listCompaniesSchema } from "@/features/companies/companies.schema";
import { listContactsSchema } from "@/features/contacts/contacts.schema";
import { browseInteractionsSchema } from "@/features/interactions/interactions.schema";
import { listLeadsSchema } from "@/features/leads/leads.schema";
import { listTasksSchema } from "@/features/tasks/tasks.schema";
import { AppError, notFound } from "@/server/api/errors";
import type { OrgScope } from "@/server/api/scope";
import type { deleteViewSchema, saveViewSchema, viewResourceSchema } from "./saved-views.schema";

const LIST_SCHEMAS = { companies: listCompaniesSchema, contacts: listContactsSchema, interactions: browseInteractionsSchema, leads: listLeadsSchema, tasks: listTasksSchema } as const;

export function listViews(scope: OrgScope, resource: z.output<typeof viewResourceSchema>) {
  return scope.tx.savedView.findMany({
    where: { userId: scope.userId, resource },
    select: { id: true, name: true, query: true },
    orderBy: { name: "asc" },
  });
}

export async function saveView(scope: OrgScope, input: z.output<typeof saveViewSchema>) {
  // Only a query the list itself accepts is worth keeping.
  if (!LIST_SCHEMAS[input.resource].safeParse(input.query).success) {
    throw new AppError("BAD_REQUEST", "Those filters are not valid for this list", "query");
  }
  const view = await scope.tx.savedView.upsert({
    where: { organizationId_userId_resource_name: { organizationId: scope.orgId, userId: scope.userId, resource: input.resource, name: input.name } },
    create: { organizationId: scope.orgId, userId: scope.userId, resource: input.resource, name: input.name, query: input.query },
    update: { query: input.query },
    select: { id: true, name: true, query: true },
  });
  await scope.audit({ action: "saved_view.save", resourceType: "saved_view", resourceId: view.id, newValues: input });
  return view;
}

export async function deleteView(scope: OrgScope, input: z.output<typeof deleteViewSchema>) {
  const { count } = await scope.tx.savedView.deleteMany({ where: { id: input.id, userId: scope.userId } });
  if (count === 0) throw notFound("View");
  await scope.audit({ action: "saved_view.delete", resourceType: "saved_view", resourceId: input.id });
  return { id: input.id };
}
